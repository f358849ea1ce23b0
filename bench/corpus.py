"""A synthetic news corpus for the benchmarks: article-length texts from templates.

The texts are composed from our own sentence templates and lists of
countries, leaders and verbs (no outside data), seeded so every run codes the
same corpus. They read like wire copy, so the parser, the actor rules and the
trigger lexicon all do real work on them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

# (name, capital, demonym adjective, leader title, leader name)
COUNTRIES_EN = [
    ("France", "Paris", "French", "President", "Emmanuel Macron"),
    ("Algeria", "Algiers", "Algerian", "President", "Abdelmadjid Tebboune"),
    ("Morocco", "Rabat", "Moroccan", "King", "Mohammed VI"),
    ("Germany", "Berlin", "German", "Chancellor", "Friedrich Merz"),
    ("Russia", "Moscow", "Russian", "President", "Vladimir Putin"),
    ("Ukraine", "Kyiv", "Ukrainian", "President", "Volodymyr Zelensky"),
    ("China", "Beijing", "Chinese", "President", "Xi Jinping"),
    ("Japan", "Tokyo", "Japanese", "Prime Minister", "Shigeru Ishiba"),
    ("Turkey", "Ankara", "Turkish", "President", "Recep Tayyip Erdogan"),
    ("Egypt", "Cairo", "Egyptian", "President", "Abdel Fattah al-Sisi"),
    ("Brazil", "Brasilia", "Brazilian", "President", "Luiz Inacio Lula da Silva"),
    ("India", "New Delhi", "Indian", "Prime Minister", "Narendra Modi"),
    ("Tunisia", "Tunis", "Tunisian", "President", "Kais Saied"),
    ("Mali", "Bamako", "Malian", "General", "Assimi Goita"),
    ("Spain", "Madrid", "Spanish", "Prime Minister", "Pedro Sanchez"),
    ("Italy", "Rome", "Italian", "Prime Minister", "Giorgia Meloni"),
]

COUNTRIES_FR = [
    ("la France", "Paris", "français", "le président", "Emmanuel Macron"),
    ("l'Algérie", "Alger", "algérien", "le président", "Abdelmadjid Tebboune"),
    ("le Maroc", "Rabat", "marocain", "le roi", "Mohammed VI"),
    ("l'Allemagne", "Berlin", "allemand", "le chancelier", "Friedrich Merz"),
    ("la Russie", "Moscou", "russe", "le président", "Vladimir Poutine"),
    ("l'Ukraine", "Kiev", "ukrainien", "le président", "Volodymyr Zelensky"),
    ("la Chine", "Pékin", "chinois", "le président", "Xi Jinping"),
    ("la Tunisie", "Tunis", "tunisien", "le président", "Kaïs Saïed"),
    ("le Mali", "Bamako", "malien", "le général", "Assimi Goïta"),
    ("l'Espagne", "Madrid", "espagnol", "le Premier ministre", "Pedro Sánchez"),
    ("l'Italie", "Rome", "italien", "la présidente du Conseil", "Giorgia Meloni"),
    ("l'Égypte", "Le Caire", "égyptien", "le président", "Abdel Fattah al-Sissi"),
]

EN_EVENTS = [
    "{A} recalled its ambassador from {b_capital} on {day}, citing what officials called a hostile campaign.",
    "{a_title} {a_leader} accused {B} of interfering in {a_dem} internal affairs.",
    "{A} and {B} signed an agreement on energy cooperation in {place} on {day}.",
    "The {a_dem} government expelled twelve {b_dem} diplomats, giving them 48 hours to leave.",
    "{a_title} {a_leader} met {b_title} {b_leader} in {place} to discuss border security.",
    "{A} imposed sanctions on {b_dem} banks after talks collapsed.",
    "{B} condemned the decision, calling it a violation of international law.",
    "The {a_dem} foreign ministry said it would not attend the summit hosted by {B}.",
    "{A} offered humanitarian aid to {B} after floods killed dozens of people.",
    "{a_dem} troops fired on a {b_dem} patrol near the border, killing two soldiers.",
    "{a_title} {a_leader} threatened to cut gas supplies to {B} if the dispute was not settled.",
    "{A} praised {B} for its role in the release of the hostages.",
    "Officials in {a_capital} said {A} would reopen its embassy in {b_capital} next month.",
    "{A} called on {B} to release the journalist detained last week.",
    "Police in {a_capital} arrested dozens of protesters who marched against the government.",
    "{A} rejected a request from {B} to extradite the former minister.",
]

EN_FILLER = [
    "The move comes after months of tension between the two countries.",
    "Analysts said the dispute could weigh on trade, which reached several billion dollars last year.",
    "Neither government gave further details.",
    "Diplomats said talks were expected to resume before the end of the year.",
    "The statement was read on state television on {day}.",
    "Opposition parties criticised the decision as hasty.",
    "Markets in {a_capital} fell slightly after the announcement.",
    "Relations between {A} and {B} have swung between rapprochement and crisis for decades.",
]

FR_EVENTS = [
    "{A} a rappelé son ambassadeur à {b_capital} {day}, dénonçant une campagne hostile.",
    "{a_title} {a_leader} a accusé {B} d'ingérence dans les affaires intérieures du pays.",
    "{A} et {B} ont signé un accord de coopération énergétique à {place} {day}.",
    "Le gouvernement {a_dem} a expulsé douze diplomates, qui ont quarante-huit heures pour quitter le territoire.",
    "{a_title} {a_leader} a rencontré {b_title} {b_leader} à {place} pour évoquer la sécurité des frontières.",
    "{A} a imposé des sanctions à plusieurs banques après l'échec des négociations.",
    "{B} a condamné cette décision, qualifiée de violation du droit international.",
    "{A} a proposé une aide humanitaire à {B} après des inondations meurtrières.",
    "{a_title} {a_leader} a menacé de suspendre les livraisons de gaz à {B}.",
    "{A} a salué le rôle de {B} dans la libération des otages.",
    "{A} a demandé à {B} de libérer le journaliste arrêté la semaine dernière.",
    "La police a arrêté des dizaines de manifestants à {a_capital}.",
]

FR_FILLER = [
    "Cette décision intervient après des mois de tensions entre les deux pays.",
    "Les analystes estiment que la crise pourrait peser sur les échanges commerciaux.",
    "Aucun des deux gouvernements n'a donné plus de détails.",
    "Les discussions devraient reprendre avant la fin de l'année, selon des diplomates.",
    "Les partis d'opposition ont critiqué une décision jugée précipitée.",
]

EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _article(rng: random.Random, n: int, french: bool, sentences: int) -> dict[str, Any]:
    countries = COUNTRIES_FR if french else COUNTRIES_EN
    events, filler, days = (FR_EVENTS, FR_FILLER, FR_DAYS) if french else (EN_EVENTS, EN_FILLER, EN_DAYS)
    a, b, c = rng.sample(countries, 3)
    slots = {
        "A": a[0], "a_capital": a[1], "a_dem": a[2], "a_title": a[3], "a_leader": a[4],
        "B": b[0], "b_capital": b[1], "b_dem": b[2], "b_title": b[3], "b_leader": b[4],
        "place": c[1], "day": rng.choice(days),
    }
    lines = []
    for i in range(sentences):
        pool = events if i % 3 != 2 else filler
        lines.append(_cap(rng.choice(pool).format(**slots)))
    paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
    year, month, day = 2024 + n % 2, 1 + n % 12, 1 + n % 28
    lang = "fr" if french else "en"
    return {
        "id": f"bench-{lang}-{n:05d}",
        "title": _cap(lines[0][:70]),
        "text": "\n\n".join(paragraphs),
        "published": f"{year}-{month:02d}-{day:02d}",
        "language": lang,
        "source": "dyadwatch-bench",
        "url": f"https://bench.dyadwatch.example/{lang}/{n}",
    }


def make_corpus(n: int, french: bool | str = False, sentences: int = 12, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` article records (JSONL-shaped); with ``french`` every other one is French, with "all" every one."""
    rng = random.Random(seed)
    return [_article(rng, i, french == "all" or bool(french) and i % 2 == 1, sentences) for i in range(n)]


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
