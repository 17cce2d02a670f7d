"""Validation lives in models/: each error names its field and carries a translatable message."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.config import PRESETS, ScoringConfig, normalise_weights, preset_weights
from models.entities import Assessment, Contact, Customer, Interaction, Need, Transaction
from models.enums import Tier
from models.plans import AccountPlan, Objective
from models.record import Record
from models.validation import (
    MSG_BAD_DATE,
    MSG_RATING,
    MSG_REQUIRED,
    ValidationError,
    ValidationErrors,
    check_number,
    check_rating,
    clean_text,
)


def _fields(errors: ValidationErrors) -> set[str]:
    return {e.field for e in errors.errors}


def test_customer_errors_name_each_field() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Customer.parse({"name": "", "email": "nope", "phone": "call me", "relationship_level": 9})
    by_field = caught.value.by_field()
    assert set(by_field) == {"name", "email", "phone", "relationship_level"}
    assert by_field["name"].message == MSG_REQUIRED
    assert "name: This field is required." in str(caught.value)


def test_override_needs_a_reason() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Customer.parse({"name": "Acme", "tier_override": "key"})
    assert _fields(caught.value) == {"tier_override_reason"}
    ok = Customer.parse({"name": "Acme", "tier_override": "key", "tier_override_reason": "HQ"})
    assert ok.tier_override is Tier.KEY


def test_transaction_checks_dates_and_amounts() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Transaction.parse({"customer_id": "c", "date": "2026-13-01", "amount": "abc"})
    assert _fields(caught.value) == {"date", "amount"}
    assert caught.value.by_field()["date"].message == MSG_BAD_DATE
    with pytest.raises(ValidationErrors) as caught:
        Transaction.parse({"customer_id": "c", "date": "2026-05-01", "amount": 5,
                           "due_date": "2026-04-01"})
    assert _fields(caught.value) == {"due_date"}


def test_assessment_ratings_are_one_to_five() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Assessment.parse({"customer_id": "c", "assessed_on": date(2026, 1, 1),
                          "loyalty": 6, "synergy": 2.5, "need_quality": 0})
    assert _fields(caught.value) == {"loyalty", "synergy", "need_quality"}
    assert all(e.message == MSG_RATING for e in caught.value.errors)


def test_interaction_due_date_needs_a_next_step() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Interaction.parse({"customer_id": "c", "kind": "call", "occurred_at": "2026-01-01 09:00",
                           "summary": "Call", "next_step_due": "2026-01-05"})
    assert _fields(caught.value) == {"next_step"}


def test_need_and_contact_choices() -> None:
    with pytest.raises(ValidationErrors) as caught:
        Need.parse({"customer_id": "c", "kind": "wish", "description": "x"})
    assert _fields(caught.value) == {"kind"}
    assert "requirement" in caught.value.errors[0].english()
    with pytest.raises(ValidationErrors) as caught:
        Contact.parse({"customer_id": "c", "name": "Li", "influence": 7, "role": "boss"})
    assert _fields(caught.value) == {"influence", "role"}


def test_plan_target_level_not_below_current() -> None:
    with pytest.raises(ValidationErrors) as caught:
        AccountPlan.parse({"customer_id": "c", "period": "2027-H1", "current_level": 3,
                           "target_level": 2})
    assert _fields(caught.value) == {"target_level"}
    with pytest.raises(ValidationErrors) as caught:
        AccountPlan.parse({"customer_id": "c", "period": "2027-H3"})
    assert _fields(caught.value) == {"period"}
    with pytest.raises(ValidationErrors):
        Objective.parse({"kind": "revenue", "description": "Grow"})  # no target


def test_weights_must_sum_to_100_and_thresholds_be_ordered() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_weights({"revenue": 50, "profit": 40})
    assert "add up to 100" in str(caught.value) and "90" in str(caught.value)
    with pytest.raises(ValidationError):
        normalise_weights({"revenue": 100, "bogus": 0})
    with pytest.raises(ValidationErrors) as refused:
        ScoringConfig(threshold_strategic=50, threshold_key=60).validated()
    assert _fields(refused.value) == {"thresholds"}
    with pytest.raises(ValidationErrors) as refused:
        ScoringConfig(abc_a_percent=96, abc_b_percent=95).validated()
    assert _fields(refused.value) == {"abc"}


def test_every_preset_is_valid() -> None:
    for name in PRESETS:
        assert math.isclose(sum(preset_weights(name).values()), 100)
    with pytest.raises(ValidationError):
        preset_weights("nonsense")


# ---- property tests: any input either validates to clean data or raises ValidationError ----

junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                 st.text(max_size=300), st.dates(), st.lists(st.text(max_size=5), max_size=3))


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(Customer.field_names()), junk, max_size=12))
def test_customer_parse_never_crashes(raw: dict[str, object]) -> None:
    try:
        customer = Customer.parse(raw)
    except ValidationErrors as errors:
        assert errors.errors and all(e.field for e in errors.errors)
    else:
        assert customer.name and customer.name == customer.name.strip()
        assert "\n" not in customer.name


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(Transaction.field_names()), junk, max_size=10))
def test_transaction_parse_never_crashes(raw: dict[str, object]) -> None:
    try:
        record = Transaction.parse(raw)
    except ValidationErrors as errors:
        assert all(isinstance(e, ValidationError) for e in errors.errors)
    else:
        assert math.isfinite(record.amount)


@given(junk)
def test_rating_check_accepts_only_one_to_five(value: object) -> None:
    try:
        rating = check_rating("r", value)
    except ValidationError as error:
        assert error.field == "r"
    else:
        assert rating is None or rating in {1, 2, 3, 4, 5}


@given(st.text(max_size=500))
def test_clean_text_output_is_stripped_and_bounded(text: str) -> None:
    try:
        cleaned = clean_text("f", text, max_len=100)
    except ValidationError as error:
        assert error.field == "f"
    else:
        assert cleaned == cleaned.strip() and len(cleaned) <= 100


@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20)))
def test_check_number_is_finite_or_refused(value: object) -> None:
    try:
        number = check_number("amount", value, minimum=0, maximum=1e6)
    except ValidationError:
        return
    assert number is not None and 0 <= number <= 1e6


ALL_RECORDS = [Customer, Contact, Transaction, Interaction, Need, Assessment, AccountPlan,
               Objective]


@pytest.mark.parametrize("cls", ALL_RECORDS, ids=lambda c: c.__name__)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_record_validator_never_crashes(cls: type[Record], data: st.DataObject) -> None:
    raw = data.draw(st.dictionaries(st.sampled_from(cls.field_names()), junk, max_size=10))
    try:
        record = cls.parse(raw)
    except ValidationErrors as errors:
        assert errors.errors and all(e.field and e.message for e in errors.errors)
    else:
        assert record.validated() == record  # a parsed record is already clean


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["threshold_strategic", "threshold_key",
                                        "threshold_standard", "abc_a_percent",
                                        "abc_b_percent", "window_months", "churn_months",
                                        "strategic_revenue_top_percent"]),
                       st.one_of(st.none(), st.integers(-5, 500), st.floats(allow_nan=True)),
                       max_size=5))
def test_scoring_config_validator_never_crashes(values: dict[str, object]) -> None:
    try:
        config = ScoringConfig(**values).validated()  # type: ignore[arg-type]
    except ValidationErrors as errors:
        assert all(e.field for e in errors.errors)
    else:
        assert config.threshold_strategic > config.threshold_key > config.threshold_standard
