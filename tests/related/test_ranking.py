"""Hugo's related-content ranking (related/inverted_index.go), cases worked out by hand.

Hugo: a document found through n keywords gets the summed weight w of their indices; it is
kept when round(100 * (w // n) / max_weight) >= threshold // n (the smallest weight counts
as 0); kept ones sort by w, then newest first, then by title.
"""

import datetime

import pytest
from related.ranking import Config, Document, IndexConfig, RelatedIndex, go_layout
from related.settings import SettingsError, related_settings

TAGS = IndexConfig("tags", 100, to_lower=True)
CATEGORIES = IndexConfig("categories", 70, to_lower=True)


def day(n):
    return datetime.datetime(2024, 1, n)


def doc(name, date=1, **values):
    return Document(name, day(date), values)


def related(target, others, threshold=80, include_newer=True, indices=(TAGS, CATEGORIES)):
    index = RelatedIndex(Config(list(indices), threshold, include_newer))
    index.add([target, *others])
    return [d.name for d in index.search(target)]


def test_one_category_in_common_is_below_2i2cs_threshold():
    # weight 70, 1 match: round(70 / 100 * 100) = 70 < 80
    me = doc("me", tags=["a"], categories=["news"])
    assert related(me, [doc("other", tags=["b"], categories=["news"])]) == []


def test_the_same_category_passes_a_threshold_of_70():
    me = doc("me", categories=["news"])
    assert related(me, [doc("other", categories=["news"])], threshold=70) == ["other"]


def test_one_tag_in_common_passes():
    # weight 100, 1 match: 100 >= 80
    me = doc("me", tags=["a"], categories=["news"])
    assert related(me, [doc("other", tags=["a"])]) == ["other"]


def test_two_weak_matches_pass_where_one_does_not():
    # two categories in common: w = 140, n = 2, average 70 -> 70 >= 80 // 2 = 40
    me = doc("me", categories=["news", "events"])
    assert related(
        me, [doc("two", categories=["news", "events"]), doc("one", categories=["news"])]
    ) == ["two"]


def test_threshold_is_divided_by_matches_with_integer_division():
    # threshold 100, tags of weight 30 (max weight 100): three in common give average 30 < 100 // 3 = 33;
    # four in common give average 30 >= 100 // 4 = 25
    weak = IndexConfig("tags", 30)
    strong = IndexConfig("series", 100)
    me = doc("me", tags=["a", "b", "c", "d"])
    three = doc("three", tags=["a", "b", "c"])
    four = doc("four", tags=["a", "b", "c", "d"])
    assert related(me, [three, four], threshold=100, indices=(weak, strong)) == ["four"]


def test_sorted_by_summed_weight_then_newest_then_title():
    me = doc("me", date=5, tags=["a", "b"], categories=["news"])
    both_tags = doc("Both tags", date=1, tags=["a", "b"])  # 200
    tag_and_category = doc("Tag and category", date=2, tags=["a"], categories=["news"])  # 170
    newer = doc("Newer", date=4, tags=["b"])  # 100
    older = doc("Older", date=3, tags=["a"])  # 100
    same_day_z = doc("Zed", date=4, tags=["a"])  # 100, same date as Newer: by title
    found = related(me, [older, same_day_z, newer, tag_and_category, both_tags])
    assert found == ["Both tags", "Tag and category", "Newer", "Zed", "Older"]


def test_newer_posts_left_out_unless_include_newer():
    me = doc("me", date=10, tags=["a"])
    others = [doc("before", date=9, tags=["a"]), doc("after", date=11, tags=["a"])]
    assert related(me, others, include_newer=False) == ["before"]
    assert related(me, others, include_newer=True) == ["after", "before"]


def test_to_lower_matches_across_case_only_when_set():
    me = doc("me", tags=["Jupyter"])
    other = doc("other", tags=["jupyter"])
    assert related(me, [other]) == ["other"]
    assert related(me, [other], indices=(IndexConfig("tags", 100),)) == []


def test_a_document_is_never_related_to_itself():
    me = doc("me", tags=["a", "a"])
    assert related(me, []) == []


def test_date_index_matches_the_year():
    # Hugo's default pattern "2006": posts of the same year share a keyword
    years = IndexConfig("date", 100)
    me = Document("me", datetime.datetime(2023, 6, 1), {"date": datetime.datetime(2023, 6, 1)})
    same = Document(
        "same year", datetime.datetime(2023, 1, 1), {"date": datetime.datetime(2023, 1, 1)}
    )
    other = Document(
        "other year", datetime.datetime(2022, 6, 1), {"date": datetime.datetime(2022, 6, 1)}
    )
    assert related(me, [same, other], indices=(years,)) == ["same year"]


@pytest.mark.parametrize(
    "layout, expected", [("2006", "%Y"), ("2006-01", "%Y-%m"), ("Jan 2006", "%b %Y")]
)
def test_go_layouts(layout, expected):
    assert go_layout(layout) == expected


def test_defaults_are_2i2cs_hugo_config():
    conf, ranking = related_settings({})
    assert (ranking.threshold, ranking.include_newer) == (80, True)
    assert [(i.name, i.weight, i.to_lower) for i in ranking.indices] == [
        ("tags", 100, True),
        ("categories", 70, True),
    ]
    assert conf["limit"] == 3


@pytest.mark.parametrize(
    "given, words",
    [
        ({"threshold": 120}, "threshold"),
        ({"colour": 1}, "unknown RELATED keys ['colour']"),
        ({"indices": [{"weight": 3}]}, "entry 1 needs a 'name'"),
        ({"indices": [{"name": "tags", "weight": "heavy"}]}, "whole-number 'weight'"),
        ({"backlinks": "collaborators"}, "backlinks"),
    ],
)
def test_bad_settings_stop_with_one_line(given, words):
    with pytest.raises(SettingsError) as error:
        related_settings({"RELATED": given})
    message = str(error.value)
    assert message.startswith("related: ") and words in message and "\n" not in message
