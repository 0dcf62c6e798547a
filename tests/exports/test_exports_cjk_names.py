"""A full name written in Chinese characters without a space is split after its family name
(issue s20, names): 王晓明 is family 王, given 晓明; 欧阳修 keeps the compound family name 欧阳."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.exports.contacts import COMPOUND_SURNAMES, split_cjk_name, split_full_name
from planner.policy.names import Name, personal_name

SINGLE = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "김", "박"]
GIVEN_NAMES = ["晓明", "伟", "秀英", "建国", "修", "丽华", "민준", "서연"]


def test_the_try_out_names() -> None:
    assert split_full_name("王晓明") == ("", "晓明", "王", "")
    assert split_full_name("欧阳修") == ("", "修", "欧阳", "")
    assert split_full_name("诸葛亮") == ("", "亮", "诸葛", "")
    assert split_full_name("王 晓明") == ("", "晓明", "王", "")  # spaced: still family first
    assert split_full_name("Dr 王晓明") == ("Dr", "晓明", "王", "")
    assert split_full_name("王") == ("", "", "王", "")
    # Latin names are as before: the last word is the family name unless told otherwise.
    assert split_full_name("Dr. Li Wei") == ("Dr.", "Li", "Wei", "")
    assert split_full_name("Dr. Li Wei", family_first=True) == ("Dr.", "Wei", "Li", "")


@given(
    family=st.sampled_from([*SINGLE, *sorted(COMPOUND_SURNAMES)]),
    given_name=st.sampled_from(GIVEN_NAMES),
)
def test_an_unspaced_name_splits_back_into_its_parts(family: str, given_name: str) -> None:
    written = personal_name(Name(given_name=given_name, family_name=family))
    assert written == family + given_name  # how the directory writes it
    assert split_cjk_name(written) == (family, given_name)
    assert split_full_name(written)[1:3] == (given_name, family)
