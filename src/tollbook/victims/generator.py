"""Synthetic named-victims lists with known truth, for testing linkage and estimation.

A population of people (four-part Arabic names, sex, birth date, date and place of
death) is drawn; each list then documents some of them, with its own coverage, which
also varies by region (so capture probabilities are heterogeneous, as in real
documentation), and its own way of recording:

- script: Arabic, or one of several romanisations chosen per record
  (Mohammed / Muhammad / Mohamed, Abdul Rahman / Abd al-Rahman / Abdelrahman, ...);
- omissions: some lists drop the grandfather's or even the father's name, or the birth
  date, or the place;
- errors: birth dates off by a few days, ages off by one, place names in other
  spellings, and now and then the same person twice in one list.

`true_person` carries the truth; it is not among the fields a list imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

# Arabic spelling: romanisations in use.
MALE = """محمد:Mohammed|Muhammad|Mohamed|Mohammad;أحمد:Ahmed|Ahmad;محمود:Mahmoud|Mahmud;
علي:Ali|Aly;حسن:Hassan|Hasan;حسين:Hussein|Husain|Hussain;خالد:Khaled|Khalid;
يوسف:Yousef|Yusuf|Youssef;إبراهيم:Ibrahim|Ibrahem;عمر:Omar|Umar;سعيد:Saeed|Said|Sa'id;
عبد الرحمن:Abdul Rahman|Abd al-Rahman|Abdelrahman|Abdulrahman;عبد الله:Abdullah|Abdallah|Abd Allah;
عبد الكريم:Abdul Karim|Abdelkarim|Abd al-Karim;مصطفى:Mustafa|Moustafa;سليمان:Suleiman|Sulaiman;
إسماعيل:Ismail|Ismael|Isma'il;جمال:Jamal|Gamal;سمير:Samir|Sameer;زياد:Ziad|Ziyad;
رامي:Rami|Ramy;نبيل:Nabil|Nabeel;وليد:Walid|Waleed;ياسر:Yasser|Yasir;طارق:Tariq|Tarek;
كريم:Karim|Kareem;فادي:Fadi|Fady;باسل:Basel|Basil;عماد:Imad|Emad;هاني:Hani|Hany;
صالح:Saleh|Salih;سالم:Salem|Salim;ماجد:Majed|Majid;نادر:Nader|Nadir;أنس:Anas;
حمزة:Hamza|Hamzah;بلال:Bilal|Belal;عادل:Adel|Adil;رائد:Raed|Ra'ed;منير:Munir|Mounir;
فيصل:Faisal|Faysal;ناصر:Nasser|Nasir;رياض:Riad|Riyad;جهاد:Jihad|Jehad;أيمن:Ayman|Aymen"""
FEMALE = """فاطمة:Fatima|Fatma|Fatemah;مريم:Maryam|Mariam;عائشة:Aisha|Aysha|A'isha;
نور:Nour|Noor|Nur;سارة:Sara|Sarah;هدى:Huda|Hoda;آمنة:Amina|Amna;زينب:Zainab|Zeinab;
رنا:Rana;ليلى:Layla|Leila|Laila;سعاد:Suad|Souad;منى:Mona|Muna;هبة:Heba|Hiba;
دعاء:Duaa|Doaa|Du'a;آلاء:Alaa|Ala'a;إسراء:Israa|Esraa|Isra';رغد:Raghad;شيماء:Shaimaa|Shayma;
ياسمين:Yasmin|Yasmeen;أمل:Amal;سلمى:Salma|Selma;نادية:Nadia|Nadya;خديجة:Khadija|Khadijah;
رهف:Rahaf;جنى:Jana|Janna;لينا:Lina|Leena;حنان:Hanan;وفاء:Wafaa|Wafa'"""
FAMILY = """المصري:al-Masri|Al Masri|El-Masri;الحلبي:al-Halabi|Halabi|Alhalabi;
الخطيب:al-Khatib|Alkhateeb;
النجار:al-Najjar|Alnajjar|El Naggar;أبو هلال:Abu Hilal|Abuhlal|Abou Hilal;حمدان:Hamdan;
الزعبي:al-Zoubi|Alzoubi|Zu'bi;العلي:al-Ali|Al Ali;الشامي:al-Shami|Alshami|Shami;
درويش:Darwish|Darweesh;أبو زيد:Abu Zeid|Abuzaid|Abou Zeid;الحسن:al-Hassan|Alhasan;
عيسى:Issa|Eissa;حداد:Haddad;الأحمد:al-Ahmad|Alahmad;سلامة:Salameh|Salama;
قاسم:Qasem|Kassem|Qassim;عودة:Odeh|Awda|Ouda;الحاج:al-Hajj|Alhaj|El Hajj;يونس:Younes|Yunis;
شاهين:Shaheen|Shahin;الرفاعي:al-Rifai|Alrefai;نصار:Nassar;أبو شعر:Abu Shaar|Abushaar;
السيد:al-Sayed|Elsayed|Al Sayyid;خليل:Khalil|Khaleel;عثمان:Othman|Osman|Uthman;
الحمصي:al-Homsi|Alhomsi;الدلو:al-Dalu|Aldalou|Aldlo;البرغوثي:al-Barghouti|Barghouthi;
الكردي:al-Kurdi|Alkurdi|Kurdi;العمر:al-Omar|Alomar;الجاسم:al-Jasim|Aljassem;
طه:Taha;عبيد:Obeid|Ubaid;نعيم:Naim|Na'eem;بكر:Bakr|Baker;الشيخ:al-Sheikh|Elsheikh"""
# Region: place names as lists spell them.
PLACES = {
    "north": ["Jableh|Jebleh|Jabla", "Baniyas|Banias|Banyas", "Qardaha|Kardaha"],
    "centre": ["Hama|Hamah", "Salamiyah|Salamieh|Salamiya", "Masyaf|Misyaf|Musyaf"],
    "south": ["Tartus|Tartous|Tartous city", "Safita|Safeeta", "Dreikish|Duraykish"],
    "coast": ["Latakia|Lattakia|Al-Ladhiqiyah", "Haffah|Al-Haffa", "Beit Ana|Bayt Ana"],
}


def _lexicon(text: str) -> list[tuple[str, list[str]]]:
    out = []
    for item in text.replace("\n", "").split(";"):
        arabic, _, latin = item.partition(":")
        out.append((arabic.strip(), [v.strip() for v in latin.split("|")]))
    return out


def _families() -> list[tuple[str, list[str]]]:
    """Family names: the listed ones, and "Abu X" families made from the men's names."""
    abu = [
        (f"أبو {arabic}", [f"{prefix} {latin}" for prefix in ("Abu", "Abou") for latin in variants]
         + [f"Abu{variants[0].lower().replace(' ', '')}"])
        for arabic, variants in _lexicon(MALE)
        if not arabic.startswith("عبد")
    ]  # fmt: skip
    return _lexicon(FAMILY) + abu


@dataclass
class ListSpec:
    """How one list documents: coverage, script and what it leaves out or gets wrong."""

    name: str
    coverage: float
    region_bias: dict[str, float] = field(default_factory=dict)
    arabic_script: bool = False
    drop_grandfather: float = 0.0
    drop_father: float = 0.0
    drop_birth_date: float = 0.0
    drop_place: float = 0.0
    date_error: float = 0.1  # share of birth dates off by a few days
    age_error: float = 0.1  # share of ages off by one
    duplicates: float = 0.01


DEFAULT_LISTS = (
    ListSpec("monitor", 0.55, {"north": 1.3, "south": 0.7}, arabic_script=True),
    ListSpec("ministry", 0.45, {"coast": 1.4}, drop_grandfather=0.6, drop_birth_date=0.5),
    ListSpec("ngo", 0.30, {"centre": 1.5, "north": 0.6}, drop_father=0.15, drop_grandfather=0.9,
             drop_place=0.3, date_error=0.2),
    ListSpec("press", 0.15, {}, arabic_script=False, drop_grandfather=1.0, drop_birth_date=1.0,
             age_error=0.3),
    ListSpec("hospital", 0.25, {"coast": 1.2, "south": 1.2}, arabic_script=True,
             drop_place=0.5),
    ListSpec("church", 0.10, {"centre": 2.0}, drop_father=0.3, drop_grandfather=1.0),
)  # fmt: skip


def population(size: int, seed: int = 0) -> pd.DataFrame:
    """`size` people with names (as indexes into the lexicons), sex, dates and region."""
    rng = np.random.default_rng(seed)
    male, female, family = _lexicon(MALE), _lexicon(FEMALE), _families()
    sex = rng.choice(["m", "f"], size=size, p=[0.7, 0.3])

    def zipf(n: int, k: int) -> np.ndarray:
        """Names by Zipf's law over the lexicon: the first (Muhammad, Fatima) ~ 1 in 4."""
        weights = 1.0 / np.arange(1, n + 1)
        return rng.choice(n, size=k, p=weights / weights.sum())

    given = np.where(sex == "m", zipf(len(male), size), zipf(len(female), size))
    start = date(2025, 3, 6)
    death = [start + timedelta(days=int(d)) for d in rng.integers(0, 120, size)]
    age = rng.integers(0, 85, size)
    birth = [
        d - timedelta(days=int(365.25 * a + rng.integers(0, 365)))
        for d, a in zip(death, age, strict=False)
    ]
    region = rng.choice(list(PLACES), size=size)
    place = [int(rng.integers(0, len(PLACES[r]))) for r in region]
    return pd.DataFrame(
        {
            "true_person": np.arange(size),
            "sex": sex,
            "given": given,
            "father": zipf(len(male), size),
            "grandfather": zipf(len(male), size),
            "family": rng.integers(0, len(family), size),
            "birth_date": [b.isoformat() for b in birth],
            "death_date": [d.isoformat() for d in death],
            "age": [(d - b).days // 365 for d, b in zip(death, birth, strict=False)],
            "region": region,
            "place": place,
        }
    )


def _spell(entry: tuple[str, list[str]], arabic: bool, rng: np.random.Generator) -> str:
    return entry[0] if arabic else entry[1][int(rng.integers(0, len(entry[1])))]


def document(people: pd.DataFrame, spec: ListSpec, seed: int) -> pd.DataFrame:
    """The records one list keeps of `people`."""
    rng = np.random.default_rng(seed)
    male, female, family = _lexicon(MALE), _lexicon(FEMALE), _families()
    bias = people["region"].map(lambda r: spec.region_bias.get(r, 1.0)).to_numpy()
    seen = people[rng.random(len(people)) < np.clip(spec.coverage * bias, 0, 0.98)]
    twice = seen[rng.random(len(seen)) < spec.duplicates]
    rows = []
    for person in pd.concat([seen, twice]).itertuples():
        given_lex = male if person.sex == "m" else female
        parts = [_spell(given_lex[person.given], spec.arabic_script, rng)]
        has_father = rng.random() >= spec.drop_father
        if has_father:
            parts.append(_spell(male[person.father], spec.arabic_script, rng))
            if rng.random() >= spec.drop_grandfather:
                parts.append(_spell(male[person.grandfather], spec.arabic_script, rng))
        parts.append(_spell(family[person.family], spec.arabic_script, rng))
        birth = date.fromisoformat(person.birth_date)
        if rng.random() < spec.date_error:
            birth += timedelta(days=int(rng.choice([-1, 1]) * rng.integers(1, 6)))
        age = person.age + (int(rng.choice([-1, 1])) if rng.random() < spec.age_error else 0)
        spellings = PLACES[person.region][person.place].split("|")
        rows.append(
            {
                "true_person": person.true_person,
                "full_name": " ".join(parts),
                "sex": person.sex if rng.random() > 0.01 else None,
                "age": max(age, 0),
                "birth_date": None if rng.random() < spec.drop_birth_date else birth.isoformat(),
                "death_date": person.death_date,
                "death_place": None
                if rng.random() < spec.drop_place
                else spellings[int(rng.integers(0, len(spellings)))],
                "region": person.region,
            }
        )
    frame = pd.DataFrame(rows).sample(frac=1.0, random_state=seed).reset_index(drop=True)
    frame.insert(0, "source_dataset", spec.name)
    return frame


def generate(
    size: int = 2000, lists: int = 4, seed: int = 0, specs: tuple[ListSpec, ...] = DEFAULT_LISTS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(people, records): the truth and the records of `lists` lists (3 to 6)."""
    if not 1 <= lists <= len(specs):
        raise ValueError(f"lists must be between 1 and {len(specs)}")
    people = population(size, seed)
    records = pd.concat(
        [document(people, spec, seed * 100 + i + 1) for i, spec in enumerate(specs[:lists])],
        ignore_index=True,
    )
    records.insert(0, "unique_id", np.arange(len(records)))
    return people, records
