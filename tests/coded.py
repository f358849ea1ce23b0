"""Small readers shared by the coder's tests: the country codes of one side, the first event of a category."""


def codes(side):
    return sorted(e.code for e in side)


def only(events, category):
    found = [e for e in events if e.category == category]
    assert found, f"no {category} in {[e.category for e in events]}"
    return found[0]
