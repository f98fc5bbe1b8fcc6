"""Headlines and captions: short lines of their own that restate an incident of the body."""

from __future__ import annotations

from eventwire.pipeline.layout import MAX_DISPLAY_WORDS, after_the_body, on_display_line

ARTICLE = (
    "Gunmen kill four farmers in raid on Zurmi\n"
    "\n"
    "Gunmen shot dead four farmers in Zurmi on Monday, police said. The attackers fled on motorbikes.\n"
    "A police van parked outside the burnt market in Zurmi\n"
    "Residents buried the dead on Tuesday.\n"
)


def test_a_headline_and_a_caption_are_display_lines_and_the_body_is_not() -> None:
    assert on_display_line(ARTICLE, ARTICLE.index("kill"))
    assert on_display_line(ARTICLE, ARTICLE.index("burnt"))
    assert not on_display_line(ARTICLE, ARTICLE.index("shot dead"))
    assert not on_display_line(ARTICLE, ARTICLE.index("buried"))


def test_hard_wrapped_running_text_is_not_a_headline() -> None:
    wrapped = ("At least six people were wounded by stray bullets, and more than\n"
               "twenty shops were looted in the market of Zurmi, residents said.\n")
    assert not on_display_line(wrapped, wrapped.index("wounded"))


def test_a_one_line_note_has_no_layout_to_read() -> None:
    note = "Gunmen kill four farmers in raid on Zurmi"
    assert not on_display_line(note, note.index("kill"))


def test_a_long_line_or_one_of_two_sentences_is_a_paragraph() -> None:
    long_line = " ".join(["word"] * (MAX_DISPLAY_WORDS + 1)).capitalize() + "\nNext line.\n"
    assert not on_display_line(long_line, 0)
    two = "Gunmen attacked Zurmi. Four farmers died in the raid on the village\nNext line.\n"
    assert not on_display_line(two, two.index("died"))


def test_a_date_header_before_the_headline_is_not_part_of_it() -> None:
    text = " date 2024-05-01 Gunmen kill four farmers in raid on Zurmi\n\nBody text follows here.\n"
    header_end = text.index("Gunmen")
    assert on_display_line(text, text.index("kill"), header_end)


def test_an_all_capitals_wire_has_no_layout_to_read() -> None:
    wire = ("GUNMEN KILLED FOUR FARMERS IN THE VILLAGE OF ZURMI ON MONDAY\n"
            "POLICE SAID THE ATTACKERS FLED ON MOTORBIKES TOWARD THE FOREST\n")
    assert not on_display_line(wire, wire.index("KILLED"))


PAGE = ARTICLE + "Related stories\n02:10\nBandits abduct 30 traders at Kaduna market\nWatch video\n"


def test_headlines_listed_after_the_body_are_after_it() -> None:
    assert after_the_body(PAGE, PAGE.index("abduct"))
    assert not after_the_body(PAGE, PAGE.index("burnt"))  # a caption with the body going on after it
    assert not after_the_body(PAGE, PAGE.index("kill"))  # the headline: no paragraph stands before it
    assert not after_the_body(PAGE, PAGE.index("shot dead"))
