from dyadwatch.records import article_id, normalise_text


def test_article_id_ignores_whitespace_and_line_endings():
    assert article_id("France and Algeria\r\n agreed.", None) == article_id("France  and Algeria\n agreed.  ", None)


def test_article_id_changes_with_url_and_text():
    base = article_id("Algeria recalled its ambassador.", "https://a.example/1")
    assert base != article_id("Algeria recalled its ambassador.", "https://b.example/1")
    assert base != article_id("Algeria recalled its envoy.", "https://a.example/1")


def test_normalise_text_composes_unicode():
    decomposed = "Nun\u0303ez"
    assert normalise_text(decomposed) == "Nuñez"
