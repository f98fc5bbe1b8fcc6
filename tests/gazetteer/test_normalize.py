"""Name keys: accents, apostrophe look-alikes and administrative affixes."""

from __future__ import annotations

import pytest

from eventwire.gazetteer.names import region_display_name, strip_suffix, without_article
from eventwire.gazetteer.normalize import fold, norm, skeleton


@pytest.mark.parametrize(
    "variant", ["N'Guigmi", "N’Guigmi", "N‘Guigmi", "Nʼguigmi", "N´Guigmi", "Nʻguigmi", "N`Guigmi"]
)
def test_apostrophe_look_alikes_share_a_key(variant: str) -> None:
    assert norm(variant) == "nguigmi"


def test_fold_and_norm() -> None:
    assert fold("Şalāḩ ad Dīn") == "Salah ad Din"
    assert norm("Deir ez-Zor") == "deir ez zor"
    assert norm("Kirkūk") == "kirkuk"
    assert norm("Ṣanʿāʾ") == norm("Sanʿa'")
    assert skeleton("Deir ez-Zor") == skeleton("Dayr az Zawr") == "drzr"


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Anbar Governorate", "Anbar"),
        ("Département de Ouallam", "Ouallam"),
        ("Municipio de Esquipulas", "Esquipulas"),
        ("Province du Yagha", "Yagha"),
        ("Bankass Cercle", "Bankass"),
        ("District of Columbia", None),
        ("Ouallam", None),
    ],
)
def test_region_affixes(name: str, stripped: str | None) -> None:
    assert strip_suffix(name) == stripped


def test_region_display_name() -> None:
    assert region_display_name("Tillabéri", ["Tillabéri Region"]) == "Tillaberi"
    assert region_display_name("Département de Ouallam", ["Ouallam"]) == "Ouallam"
    assert region_display_name("Muḩāfaz̧at al Anbār", ["Anbar Governorate"]) == "Anbar"


def test_region_display_name_prefers_the_short_common_name() -> None:
    # a short plain-Latin alias is the name news and ACLED use ("Tripoli", not "Tarabulus")
    assert region_display_name("Ţarābulus", ["Tripoli", "شعبية طرابلس"]) == "Tripoli"
    assert region_display_name("Michoacán de Ocampo", ["Estado de Michoacán de Ocampo", "Michoacán"]) == "Michoacan"
    assert region_display_name("Attikí", ["Attica", "Αττική"]) == "Attica"
    # ... but not a part of a compound name, nor a Central Asian transliteration
    assert region_display_name("Jammu and Kashmir", ["Kashmir"]) == "Jammu and Kashmir"
    assert region_display_name("Balkh", ["Balx", "Balkh Province"]) == "Balkh"
    # a plain ASCII name stays: the aliases are other languages' names ("Nuioka" is Hawaiian for New York)
    assert region_display_name("New York", ["Nuioka", "Nueva York", "New York State"]) == "New York"
    assert region_display_name("Sud-Kivu", ["South Kivu", "South Kivu Province"]) == "Sud-Kivu"
    long_name = "Veracruz de Ignacio de la Llave"
    assert region_display_name(long_name, ["Estado de Veracruz-Llave", "Veracruz"]) == "Veracruz"
    # a scholarly transliteration folds to the English name, not another language's spelling
    assert region_display_name("Kābul", ["Kabul welayaty", "Kabul Province"]) == "Kabul"
    assert region_display_name("Parwān", ["Parvan", "Parwan Province"]) == "Parwan"


def test_region_display_name_is_the_english_one_where_the_aliases_show_it() -> None:
    assert region_display_name("Ḩalab", ["Aleppo", "Aleppo Governorate", "حلب"], "SY") == "Aleppo"
    assert region_display_name("Sumatera Utara", ["North Sumatra", "Provinsi Sumatera Utara"], "ID") == \
        "North Sumatra"
    assert region_display_name("Shabeellaha Hoose", ["Lower Shabeelle", "Shabeele Hoose Region"], "SO") == \
        "Lower Shabeelle"
    # ... not where English uses the local name, nor a Romance-language one, nor a nickname
    assert region_display_name("Şalāḩ ad Dīn", ["Salah Al-Din Governorate", "Salah ad Din Governorate"],
                                "IQ") == "Salah ad Din"
    assert region_display_name("Sud-Kivu", ["South Kivu", "South Kivu Province"], "CD") == "Sud-Kivu"
    assert region_display_name("California", ["Golden State"], "US") == "California"
    assert region_display_name("Al Qaşīm", ["Middle Najd", "Qaseem Province"], "SA") == "Al Qasim"
    # another spelling of the same name is no translation
    assert region_display_name("Aḑ Ḑāli‘", ["Dhale Governorate"], "YE") == "Ad Dali'"
    assert region_display_name("Saha, Respublika", ["Sakha"], "RU") == "Saha"


def test_arabic_article_dropped_only_in_arabic_speaking_countries() -> None:
    assert ("qamishli", 0.85) in without_article([("Al Qāmishlī", 1.0)], "SY")
    assert without_article([("El Paso", 1.0)], "US") == []
