"""The synthetic corpus: N Russian news articles recombined from templates, deterministic per seed.

Article i depends only on (seed, i), so any article can be regenerated alone. Each article is
written twice: as a text file (` date YYYY-MM-DD headline`, blank line, paragraphs), sharded
1000 per folder, and as a JSON Lines record (the reader's format, plus `quotes`: the quotes the
generator put in, for checking recall). About ten quotes per article.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import string
from dataclasses import dataclass, field
from pathlib import Path

from bench import russian as ru
from bench.templates import FRAGMENT_OBJECTS, FRAGMENTS, HEADINGS, HEADLINES, NARRATIVE, QUOTE_SENTENCES
from bench.vocab import (AGENCIES, COUNTRIES, FIRST_NAMES, INSTITUTIONS, MEDIA, PEOPLE_NOUNS, ROLES,
                         SPEECH_VERBS, SURNAMES, Country, surname_forms)

GENERATOR_VERSION = "1"  # bump when the output changes, so cached corpora are rebuilt
PER_FOLDER = 1000
PER_JSONL = 2000  # the reader refuses files over 20 MB; 2000 articles are about 7 MB
FIRST_DATE = dt.date(2020, 1, 1)
DAYS = 6 * 365


@dataclass
class Speaker:
    name: str        # full name, nominative
    name_gen: str
    surname: str
    surname_gen: str
    role: str
    role_gen: str
    female: bool

    def verb(self, rng: random.Random) -> str:
        return rng.choice(SPEECH_VERBS)[self.female]


@dataclass
class Generated:
    index: int
    date: dt.date
    title: str
    paragraphs: list[str]
    quotes: list[dict] = field(default_factory=list)  # {"text", "speaker"}

    def as_text_file(self) -> str:
        return f" date {self.date.isoformat()} {self.title}\n\n" + "\n\n".join(self.paragraphs) + "\n"

    def as_record(self, seed: int) -> dict:
        return {"date": self.date.isoformat(), "title": self.title,
                "text": "\n\n".join(self.paragraphs), "url": f"https://bench.invalid/{seed}/{self.index}",
                "quotes": self.quotes}


class _Slots(dict):
    """Template slots computed on demand, so each sentence draws only what it uses."""

    def __init__(self, gen: "_ArticleGen"):
        super().__init__()
        self.gen = gen
        self.country = gen.pick_country()

    def __missing__(self, key: str) -> str:
        if key[0].isupper():
            value = ru.capitalize(self[key[0].lower() + key[1:]])
        else:
            value = self.gen.slot(key, self.country)
        self[key] = value
        return value


class _ArticleGen:
    def __init__(self, seed: int, index: int):
        self.rng = random.Random(f"{seed}:{index}")
        self.index = index
        self.date = FIRST_DATE + dt.timedelta(days=self.rng.randrange(DAYS))
        self.main = self._weighted_country()
        self.cast = [self._speaker() for _ in range(self.rng.randint(2, 4))]
        self.quotes: list[dict] = []

    # --- word choices -------------------------------------------------------------------------
    def _weighted_country(self) -> Country:
        return self.rng.choices(COUNTRIES, weights=[c.weight for c in COUNTRIES])[0]

    def pick_country(self) -> Country:
        return self.main if self.rng.random() < 0.5 else self._weighted_country()

    def _speaker(self) -> Speaker:
        rng = self.rng
        first, first_gen, female = rng.choice(FIRST_NAMES)
        sur, sur_gen = surname_forms(*rng.choice(SURNAMES), female)
        role, role_gen = rng.choice(ROLES)
        c = self.pick_country().gen
        return Speaker(f"{first} {sur}", f"{first_gen} {sur_gen}", sur, sur_gen,
                       role.format(c=c), role_gen.format(c=c), female)

    def _count(self) -> int:
        r = self.rng.random()
        if r < 0.55:
            return self.rng.randint(2, 20)
        if r < 0.9:
            return self.rng.randint(21, 160)
        return self.rng.randint(161, 1500)

    def _number(self, n: int) -> str:
        return str(n) if self.rng.random() < 0.55 or n > 999 else ru.words(n)

    def people(self, case: str) -> str:
        """A group of people: nominative, accusative or «более N …» (genitive)."""
        rng = self.rng
        n = self._count()
        one, few, many, gen_pl = rng.choice(PEOPLE_NOUNS)
        if case == "gen":
            bound = rng.choice(["более", "свыше", "около", "не менее"])
            num = str(n) if rng.random() < 0.5 or n > 999 else ru.words_gen(n)
            return f"{bound} {num} {gen_pl}"
        if n in ru.COLLECTIVE and gen_pl != "граждан" and rng.random() < 0.4:
            nom, acc = ru.COLLECTIVE[n]
            return f"{nom if case == 'nom' else acc} {gen_pl}"
        if case == "acc" and (n < 5 or n % 10 in (1, 2, 3, 4)):
            n = n - n % 10 + 5  # these would need the animate accusative («двух», «одного»)
        return f"{self._number(n)} {ru.agree(n, one, few, many)}"

    def n_demonym(self, c: Country) -> str:
        n = self.rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 23])
        if n == 1:
            return f"{self.rng.choice(['один', '1'])} гражданин {c.gen}"
        noun = c.demonym or f"граждан {c.gen}"
        if n in ru.COLLECTIVE and n < 5:
            return f"{ru.COLLECTIVE[n][0]} {noun}"
        return f"{self._number(n)} {noun}"

    def when(self) -> str:
        rng, d = self.rng, self.date - dt.timedelta(days=self.rng.randint(0, 9))
        r = rng.random()
        if r < 0.35:
            return f"{d.day} {ru.MONTHS_GEN[d.month - 1]}"
        if r < 0.5:
            return f"{d.day} {ru.MONTHS_GEN[d.month - 1]} {d.year} года"
        if r < 0.7:
            prep = "во" if d.weekday() == 1 else "в"
            return f"{prep} {ru.WEEKDAYS_ACC[d.weekday()]}"
        if r < 0.8:
            return d.strftime("%d.%m.%Y")
        return rng.choice(["накануне", "вчера", "сегодня", "на прошлой неделе", "в минувшие выходные"])

    def slot(self, key: str, c: Country) -> str:
        simple = {"cnom": c.nom, "cgen": c.gen, "cdat": c.dat, "cprep": c.prep, "cap": c.capital,
                  "capprep": c.capital_prep, "adjpl": c.adj_form("их"), "adjf": c.adj_form("ая"),
                  "adjm": c.adj_form("ого"), "adjf_acc": c.adj_form("ую")}
        if key in simple:
            return simple[key]
        if key == "people":
            return self.people("nom")
        if key == "people_acc":
            return self.people("acc")
        if key in ("people_gen", "people_gen_plain"):
            return self.people("gen")
        if key == "n_dem":
            return self.n_demonym(c)
        if key == "n":
            return self._number(self._count())
        if key == "when":
            return self.when()
        if key == "month":
            return f"в {ru.MONTHS_PREP[self.rng.randrange(12)]}"
        raise KeyError(key)

    def fill(self, template: str) -> str:
        return string.Formatter().vformat(template, (), _Slots(self))

    # --- quotes -------------------------------------------------------------------------------
    def quote_body(self) -> str:
        k = self.rng.choices([1, 2, 3], weights=[5, 4, 1])[0]
        return ". ".join(self.fill(t) for t in self.rng.sample(QUOTE_SENTENCES, k))

    def quote_paragraph(self) -> str:
        rng = self.rng
        s = rng.choice(self.cast)
        q = self.quote_body()
        low = q[0].lower() + q[1:]
        pattern = rng.randrange(10)
        if pattern == 0:
            return self._q(f"«{q}», — {s.verb(rng)} {s.role} {s.name}.", q, s.name)
        if pattern == 1:
            return self._q(f"«{q}», — {s.verb(rng)} {s.name}, {s.role}.", q, s.name)
        if pattern == 2:
            return self._q(f"{ru.capitalize(s.role)} {s.name} {s.verb(rng)}: «{q}».", q, s.name)
        if pattern == 3:
            return self._q(f"По словам {s.role_gen} {s.name_gen}, «{low}».", low, s.name)
        if pattern == 4:
            q2 = self.quote_body()
            self.quotes.append({"text": q, "speaker": s.name})
            return self._q(f"«{q}, — {s.verb(rng)} {s.surname}. — {q2}».", q2, s.name)
        if pattern == 5:
            return self._q(f"Как {s.verb(rng)} {s.name} {rng.choice(MEDIA)}, «{low}».", low, s.name)
        if pattern == 6:
            inst, inst_gen = rng.choice(INSTITUTIONS)
            return self._q(f"«{q}», — говорится в заявлении {inst_gen}.", q, inst)
        if pattern == 7:
            return self._q(f"{s.surname} {s.verb(rng)} {rng.choice(MEDIA)}, что «{low}».", low, s.name)
        if pattern == 8:
            frag = rng.choice(FRAGMENTS)
            verb = "назвала" if s.female else "назвал"
            return self._q(f"{s.role[:1].upper() + s.role[1:]} {s.name} {verb} "
                           f"{rng.choice(FRAGMENT_OBJECTS)} «{frag}».", frag, s.name)
        where = rng.choice(["в соцсетях", "в Telegram", "на своей странице в Facebook", "в X"])
        verb = "написала" if s.female else "написал"
        return self._q(f"«{q}», — {verb} {s.surname} {where}.", q, s.name)

    def _q(self, paragraph: str, text: str, speaker: str | None) -> str:
        self.quotes.append({"text": text, "speaker": speaker})
        return paragraph

    # --- the article --------------------------------------------------------------------------
    def narrative(self, k: int) -> str:
        return " ".join(self.fill(t) for t in self.rng.sample(NARRATIVE, k))

    def build(self) -> Generated:
        rng = self.rng
        title = self.fill(rng.choice(HEADLINES))
        if rng.random() < 0.05:
            title += f" / © {rng.choice(AGENCIES)}"
        paragraphs = [self.narrative(rng.randint(1, 2))]
        wanted = rng.randint(7, 13)
        while len(self.quotes) < wanted:
            r = rng.random()
            if r < 0.25:
                paragraphs.append(self.narrative(rng.randint(1, 3)))
            elif r < 0.3:
                paragraphs.append(self.fill(rng.choice(HEADINGS)))
            paragraphs.append(self.quote_paragraph())
        if rng.random() < 0.05:
            paragraphs.append(f"Читайте также: {self.fill(rng.choice(HEADLINES))}")
        return Generated(self.index, self.date, title, paragraphs, self.quotes)


def article(seed: int, index: int) -> Generated:
    return _ArticleGen(seed, index).build()


def text_path(root: Path, index: int) -> Path:
    return root / "txt" / f"{index // PER_FOLDER:03d}" / f"{index:06d}.txt"


def generate(n: int, seed: int, root: Path) -> dict:
    """Write n articles under root (txt/, jsonl/, manifest.json); reuse them when already there."""
    manifest_path = root / "manifest.json"
    wanted = {"articles": n, "seed": seed, "generator": GENERATOR_VERSION}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if {k: manifest.get(k) for k in wanted} == wanted:
            return manifest
    for old in (root / "txt", root / "jsonl"):
        if old.exists():
            shutil.rmtree(old)  # a different size or seed: no stale articles may remain
    (root / "jsonl").mkdir(parents=True, exist_ok=True)
    quotes = chars = 0
    jsonl = None
    for i in range(n):
        a = article(seed, i)
        path = text_path(root, i)
        if i % PER_FOLDER == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        body = a.as_text_file()
        path.write_text(body, encoding="utf-8")
        if i % PER_JSONL == 0:
            if jsonl:
                jsonl.close()
            jsonl = open(root / "jsonl" / f"part-{i // PER_JSONL:03d}.jsonl", "w", encoding="utf-8")
        jsonl.write(json.dumps(a.as_record(seed), ensure_ascii=False) + "\n")
        quotes += len(a.quotes)
        chars += len(body)
    if jsonl:
        jsonl.close()
    manifest = {**wanted, "quotes": quotes, "chars": chars}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest
