from test_store_knowledge import FLOODS, PRICES, floods, holiday, prices

from newsgraph.gdelt import decimal
from newsgraph.gkg import COLUMNS, row, timestamp
from newsgraph.record import Entity, Mention, Place, Quote, Record, Source


def gkg(record):
    return dict(zip(COLUMNS, row(record), strict=True))


def blocks(value, separator=";"):
    return value.split(separator) if value else []


def test_the_codebook_has_27_columns_and_every_row_fills_them():
    assert len(COLUMNS) == 27 and COLUMNS[0] == "GKGRECORDID" and COLUMNS[-1] == "V2EXTRASXML"
    for record in (floods(), prices(), holiday()):
        assert len(row(record)) == 27 and not any("\t" in v or "\n" in v for v in row(record))


def test_identity_date_and_source():
    g = gkg(floods())
    assert (g["GKGRECORDID"], g["V2.1DATE"]) == ("20240504073000-d1", "20240504073000")  # 09:30 at +02:00 is 07:30 UTC
    assert (g["V2SOURCECOLLECTIONIDENTIFIER"], g["V2SOURCECOMMONNAME"], g["V2DOCUMENTIDENTIFIER"]) == (
        "1", "noticias.example.br", "https://www.noticias.example.br/rs/enchentes")
    bare = gkg(holiday())
    assert (bare["GKGRECORDID"], bare["V2.1DATE"], bare["V2SOURCECOLLECTIONIDENTIFIER"], bare["V2DOCUMENTIDENTIFIER"]) == (
        "00000000000000-d3", "", "2", "notes/brief.txt")
    assert set(bare.values()) - {""} == {"00000000000000-d3", "2", "notes/brief.txt"}


def test_locations_are_gdelt_blocks_with_fips_codes_and_offsets():
    g = gkg(floods())
    v2 = [b.split("#") for b in blocks(g["V2ENHANCEDLOCATIONS"])]
    assert all(len(b) == 9 for b in v2)
    assert [(b[0], b[2], b[3], b[8]) for b in v2] == [
        ("4", "BR", "BR23", str(FLOODS.index("Porto Alegre"))),  # a city outside the US
        ("4", "BR", "BR07", str(FLOODS.index("Brasília"))),
        ("2", "US", "USTX", str(FLOODS.index("Texas"))),  # a US state
        ("3", "US", "USTX", str(FLOODS.index("Houston"))),  # a US city
        ("1", "GM", "GM", str(FLOODS.index("Germany"))),  # a country: FIPS GM, not ISO DE
        ("1", "BR", "BR", str(FLOODS.index("Brazil"))),
    ]
    assert v2[0][1] == "Porto Alegre, Rio Grande do Sul, Brazil" and v2[0][5:8] == ["-30.03283", "-51.23019", "3452925"]
    assert v2[4][7] == "GM"  # a country's feature is its code, as in GDELT
    v1 = [b.split("#") for b in blocks(g["V1LOCATIONS"])]
    assert all(len(b) == 7 for b in v1) and v1[0] == ["4", "Porto Alegre, Rio Grande do Sul, Brazil", "BR", "BR23",
                                                       "-30.03283", "-51.23019", "3452925"]


def test_a_place_gdelt_cannot_locate_is_left_out_and_v1_names_a_location_once():
    record = prices()
    capital = record.places[1]
    capital.kind = "capital"
    record.places = [Place(0, 6, "Prices", "Europe", "continent"), Place(0, 6, "Prices", "Prices", "unknown"),
                     capital, capital]
    g = gkg(record)
    assert [b.split("#")[0] for b in blocks(g["V2ENHANCEDLOCATIONS"])] == ["4", "4"]  # a capital is a world city
    assert len(blocks(g["V1LOCATIONS"])) == 1 and "Europe" not in g["V2ENHANCEDLOCATIONS"]


def test_persons_organisations_and_all_names():
    g = gkg(floods())
    souza, agency = FLOODS.index("Carla Souza"), FLOODS.index("Civil Defence")
    assert (g["V1PERSONS"], g["V2ENHANCEDPERSONS"]) == ("Carla Souza", f"Carla Souza,{souza}")  # "She" is no name
    assert (g["V1ORGANIZATIONS"], g["V2ENHANCEDORGANIZATIONS"]) == ("Civil Defence", f"Civil Defence,{agency}")
    names = [b.rsplit(",", 1) for b in blocks(g["V2.1ALLNAMES"])]
    assert [n for n, _ in names] == ["Porto Alegre", "Civil Defence", "Brasília", "Texas", "Houston", "Germany",
                                     "Carla Souza", "Brazil"]
    assert [int(o) for _, o in names] == sorted(int(o) for _, o in names)
    assert gkg(prices())["V2ENHANCEDORGANIZATIONS"] == f"International Monetary Fund,{PRICES.index('IMF')}"


def test_themes_tone_dates_amounts_and_quotations():
    g = gkg(floods())
    assert g["V1THEMES"] == "NATURAL_DISASTER_FLOODS;ECON_INFLATION"
    assert g["V2ENHANCEDTHEMES"] == (f"NATURAL_DISASTER_FLOODS,0;NATURAL_DISASTER_FLOODS,{FLOODS.index('water')};"
                                     f"ECON_INFLATION,{FLOODS.index('Inflation')}")
    assert g["V1.5TONE"] == "-2.85,1.43,4.28,5.71,18.6,1.43,70"
    assert g["V2.1ENHANCEDDATES"] == f"3#5#3#2024#{FLOODS.index('on 3 May')};1#0#0#2023#{FLOODS.index('last year')}"
    assert g["V2.1AMOUNTS"] == (f"12000,people,{FLOODS.index('12,000')};5000000000,relief,{FLOODS.index('R$5')};"
                                f"4.5,inflation,{FLOODS.index('4.5%')}")
    quote = FLOODS.index("We have")
    assert g["V2.1QUOTATIONS"] == f"{quote}|35|said|We have never seen water this high,"
    assert g["V2EXTRASXML"] == ("<PAGE_TITLE>Floods drive 12,000 from Porto Alegre</PAGE_TITLE>"
                                "<PAGE_PRECISEPUBTIMESTAMP>20240504073000</PAGE_PRECISEPUBTIMESTAMP>")
    later = gkg(prices())
    # a month, a range by its first day; the duration is not a date
    assert later["V2.1ENHANCEDDATES"] == (f"1#0#0#2023#{PRICES.index('2023')};2#3#0#2024#{PRICES.index('in March')};"
                                          f"3#5#6#2024#{PRICES.index('6 to 10')}")
    assert later["V1.5TONE"] == ""


def test_delimiters_and_breaks_in_values_become_spaces():
    text = 'Mr. Ortiz | the "fixer"; said: "Pay #1, or else\tgo." He left.'
    ortiz = text.index("Ortiz")
    quote_start = text.index("Pay")
    quote_end = text.index('" He')
    record = Record(
        id="d\t9", source=Source(None, "txt"), title="Bribes, <threats>\n& a fixer", published="not a date",
        language="en", text=text, author="A. Reyes; B. Lowe",
        entities=[Entity("e1", "Ortiz; the fixer", "PERSON", [], [Mention(ortiz, ortiz + 5, "Ortiz")])],
        quotes=[Quote(quote_start, quote_end, text[quote_start:quote_end], "direct", [(quote_start, quote_end)],
                      "Ortiz", "e1", ortiz, ortiz + 5, "said|told", None, None)],
    )
    g = gkg(record)
    assert len(row(record)) == 27 and not any("\t" in v or "\n" in v for v in row(record))
    assert g["GKGRECORDID"] == "00000000000000-d 9" and g["V2DOCUMENTIDENTIFIER"] == "d 9"
    assert g["V2ENHANCEDPERSONS"] == f"Ortiz the fixer,{ortiz}"
    assert g["V2.1QUOTATIONS"] == f"{quote_start}|{quote_end - quote_start}|said told|Pay 1, or else go."
    assert g["V2EXTRASXML"] == "<PAGE_TITLE>Bribes, &lt;threats&gt; &amp; a fixer</PAGE_TITLE><PAGE_AUTHORS>A. Reyes; B. Lowe</PAGE_AUTHORS>"


def test_timestamps_are_utc_and_anything_else_is_empty():
    assert timestamp("2024-05-04") == "20240504000000"
    assert timestamp("2024-05-03T22:15:00-05:00") == "20240504031500"
    assert timestamp("2024-05-04 08:00:05") == "20240504080005"
    assert timestamp("4 May 2024") == timestamp("") == timestamp(None) == ""


def test_numbers_have_no_exponent_and_no_trailing_zeros():
    assert [decimal(v) for v in (6e10, 4.5, -0.0000001, 12000, 1 / 3)] == ["60000000000", "4.5", "0", "12000", "0.333333"]
    assert decimal(None) == ""


def test_a_quote_in_two_pieces_is_its_words_without_the_attribution():
    text = ('"The bridge is safe," the engineer said. "Trucks can use it from Monday." '
            "The council said repairs would cost less than planned.")
    first, second = (text.index("The bridge"), text.index('," the')), (text.index("Trucks"), text.index('."') + 1)
    reported = (text.index("repairs"), len(text) - 1)
    cue = text.index("said")
    record = Record(id="d4", source=Source("bridge.txt", "txt"), title=None, published="2024-06-01", language="en",
                    text=text, quotes=[
                        Quote(first[0], second[1], text[first[0]:second[1]], "direct", [first, second], cue="said",
                              cue_start=cue, cue_end=cue + 4),
                        Quote(*reported, text[slice(*reported)], "indirect", [reported], "The council", cue="said")])
    assert gkg(record)["V2.1QUOTATIONS"] == (
        f"{first[0]}|{second[1] - first[0]}|said|The bridge is safe Trucks can use it from Monday.")
