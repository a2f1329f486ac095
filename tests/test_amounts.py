import pycountry
import pytest

from newsgraph.amounts import AmountWords, amount_words, find_amounts
from newsgraph.nlp import parse


@pytest.fixture(scope="module")
def amounts(nlp):
    def find(text: str) -> dict:
        doc = next(parse(nlp, [text]))
        found = find_amounts(doc)
        for amount in found:
            assert amount.text == doc.text[amount.start : amount.end]
        return {amount.text: amount for amount in found}

    return find


def test_a_sum_in_dollars_with_what_it_pays_for(amounts):
    found = amounts("Congress approved a $60 billion Ukraine aid package on Tuesday after months of delay.")
    assert list(found) == ["$60 billion"]
    package = found["$60 billion"]
    assert (package.value, package.unit, package.currency) == (6e10, "currency", "USD")
    assert package.object == "Ukraine aid package"


def test_object_of_an_in_phrase_but_not_of_the_verb(amounts):
    found = amounts("The former mayor was accused of taking $2 million in bribes. The city spent $5m on roads.")
    assert found["$2 million"].object == "bribes"
    assert (found["$5m"].value, found["$5m"].object) == (5e6, None)


def test_an_in_phrase_naming_a_place_is_no_object(amounts):
    found = amounts("Rents rose 14 per cent in the capital and 9% in Germany.")
    assert [(a.value, a.object) for a in found.values()] == [(14, None), (9, None)]


def test_a_share_of_something(amounts):
    found = amounts("The party won 41 percent of the vote, up 3.5 percentage points.")
    assert (found["41 percent"].value, found["41 percent"].unit, found["41 percent"].object) == (41, "percent", "vote")
    assert found["3.5 percentage points"].unit == "percentage point"


def test_indian_scales_and_signs(amounts):
    found = amounts(
        "The cabinet cleared ₹1,150 crore for the metro, relief of Rs 5 lakh for each family "
        "and a plan to invest 25,000 crore rupees in refineries, or ₹1,00,000 per household."
    )
    assert {text: (a.value, a.currency) for text, a in found.items()} == {
        "₹1,150 crore": (1.15e10, "INR"),
        "Rs 5 lakh": (5e5, "INR"),
        "25,000 crore rupees": (2.5e11, "INR"),
        "₹1,00,000": (1e5, "INR"),
    }


@pytest.mark.parametrize("written", ["14%", "14 percent", "14 per cent"])
def test_percent_however_written(amounts, written):
    found = amounts(f"Food prices rose {written} over the year, the statistics office said.")
    assert (found[written].value, found[written].unit, found[written].currency) == (14, "percent", None)


@pytest.mark.parametrize(
    "sentence, written, value, currency",
    [
        ("Britain pledged £3.2 billion in military aid.", "£3.2 billion", 3.2e9, "GBP"),
        ("The EU released €40m for reconstruction.", "€40m", 4e7, "EUR"),
        ("Canada sent C$500 million in loans.", "C$500 million", 5e8, "CAD"),
        ("Australia offered A$1.2 billion over a decade.", "A$1.2 billion", 1.2e9, "AUD"),
        ("The fund raised US$3 billion from investors.", "US$3 billion", 3e9, "USD"),
        ("Tokyo offered 500 billion yen in credit.", "500 billion yen", 5e11, "JPY"),
        ("The debt reached 3 trillion roubles last month.", "3 trillion roubles", 3e12, "RUB"),
        ("Moscow spent 3 trillion rubles on defence.", "3 trillion rubles", 3e12, "RUB"),
        ("Teachers earn 4,000 hryvnias a month.", "4,000 hryvnias", 4000, "UAH"),
        ("Beijing lent 10 billion yuan to the port.", "10 billion yuan", 1e10, "CNY"),
        ("He was carrying 300 dollars in cash.", "300 dollars", 300, "USD"),
        ("Farmers were paid 12,000 Pakistani rupees each.", "12,000 Pakistani rupees", 12000, "PKR"),
    ],
)
def test_currencies(amounts, sentence, written, value, currency):
    found = amounts(sentence)
    assert (found[written].value, found[written].unit, found[written].currency) == (value, "currency", currency)


def test_a_sum_without_currency_keeps_its_scale(amounts):
    found = amounts("The deal is worth 1.5bn, the company said.")
    assert (found["1.5bn"].value, found["1.5bn"].currency) == (1.5e9, None)


def test_counts_take_the_lemma_of_the_counted_noun(amounts):
    found = amounts(
        "More than two million people have fled. Three soldiers and a dozen civilians were killed, "
        "and half a million refugees crossed the border. About 1,000 troops and 3,000 glide bombs were sent."
    )
    assert {text: (a.value, a.unit) for text, a in found.items()} == {
        "two million": (2e6, "people"),
        "Three": (3, "soldier"),
        "a dozen": (12, "civilian"),
        "half a million": (5e5, "refugee"),
        "1,000": (1000, "troop"),
        "3,000": (3000, "bomb"),
    }
    assert found["3,000"].object == "glide bombs"


def test_numbers_in_words(amounts):
    found = amounts("The army lost twenty-five tanks, one hundred and fifty guns and three and a half million shells.")
    assert [a.value for a in found.values()] == [25, 150, 3.5e6]


def test_a_measure_names_what_it_measures(amounts):
    found = amounts("Up to 20,000 tonnes of grain were shipped, and the convoy drove 40 km.")
    assert (found["20,000"].unit, found["20,000"].object) == ("tonne", "grain")
    assert found["40"].unit == "km"


def test_a_range_gives_both_ends_what_was_written_once(amounts):
    found = amounts(
        "Between 10 and 20 tanks were hit. The war costs $10-20 billion a year, and prices rose 5 to 7 percent."
    )
    assert {text: (a.value, a.unit, a.currency) for text, a in found.items()} == {
        "10": (10, "tank", None),
        "20": (20, "tank", None),
        "$10": (1e10, "currency", "USD"),
        "20 billion": (2e10, "currency", "USD"),
        "5": (5, "percent", None),
        "7 percent": (7, "percent", None),
    }


def test_each_end_of_a_range_keeps_what_it_wrote(amounts):
    found = amounts("The bank cut rates by 50 basis points to 4.25%. The firm lost USD 3 million to 5 million euros.")
    assert [(a.value, a.unit, a.currency) for a in found.values()] == [
        (50, "basis point", None),
        (4.25, "percent", None),
        (3e6, "currency", "USD"),
        (5e6, "currency", "EUR"),
    ]


def test_negative_numbers(amounts):
    found = amounts("Temperatures fell to -5 degrees overnight and minus 12 degrees in the hills.")
    assert (found["-5"].value, found["-5"].unit) == (-5, "degree")
    assert found["minus 12"].value == -12


def test_plus_or_minus_is_no_sign(amounts):
    found = amounts("The poll has a margin of error of plus or minus 3 percentage points.")
    assert found["3 percentage points"].value == 3


def test_m_is_a_million_before_a_plural_noun_and_metres_otherwise(amounts):
    found = amounts("Around 5m people live in the region. Workers built a 4m wall along the border.")
    assert (found["5m"].value, found["5m"].unit) == (5e6, "people")
    assert (found["4m"].value, found["4m"].unit, found["4m"].object) == (4, "m", "wall")


def test_a_bare_figure_is_kept_but_bare_words_are_not(amounts):
    found = amounts("The death toll rose to 45. No one knows how many more, and one of them said so.")
    assert list(found) == ["45"]
    assert found["45"].unit is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The war began in 2022 and escalated in 2024.",
        "Voters are weary ahead of the 2024 election.",
        "The summit opens on March 3 in Geneva.",
        "The city boomed in the 1990s.",
        "The strike hit at 2 p.m. local time.",
        "The army marked its 21st anniversary and came second in the parade.",
        "Residents can call 555-123-4567 or 555-0199 for help.",
        "The airline grounded its Boeing 737 fleet.",
        "COVID-19 spread fast, the G7 said, invoking Article 5.",
        "The talks lasted three days and he was jailed for 10 years.",
        "Two thirds of the money went unspent.",
        "The season ran from 2019-20 and the survey covered 2014 to 2022.",
    ],
)
def test_dates_times_ordinals_and_names_are_no_amounts(amounts, sentence):
    assert amounts(sentence) == {}


def test_offsets_order_and_line_breaks(nlp):
    text = (
        "Aid Talks Stall\n"
        "Kyiv asked for €50bn, and donors offered 45\n"
        "million doses and 12 ambulances.\n"
        "Inflation hit 26.6 percent."
    )
    doc = next(parse(nlp, [text]))
    found = find_amounts(doc)
    assert [a.text for a in found] == ["€50bn", "45", "12", "26.6 percent"]
    assert [a.start for a in found] == sorted(a.start for a in found)
    assert all(text[a.start : a.end] == a.text for a in found)


@pytest.mark.parametrize(
    "text", ["", " ", "$", "₹ crore", "\x00\x01", "🙂 5 🙂", "9" * 400 + " people", "US$", "minus"]
)
def test_odd_input_gives_no_error(amounts, text):
    for amount in amounts(text).values():
        assert amount.value == amount.value and abs(amount.value) != float("inf")


def test_currency_codes_are_iso_4217():
    codes = set(amount_words().currencies.values())
    assert codes and all(pycountry.currencies.get(alpha_3=code) for code in codes)


def test_a_malformed_word_line_is_reported():
    with pytest.raises(ValueError, match="line 2"):
        AmountWords.read("before USD: $\nthis line has no kind\n")
