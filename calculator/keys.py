"""Library keys: every figure the model can ask ``assumptions/`` for, named in one place.

No other module assembles a key from pieces; they call the functions here. The test
``tests/test_keys.py`` forms every key in :func:`all_keys` and checks the library has it, so a
misspelt or missing figure fails a test instead of being silently skipped.
"""

from __future__ import annotations

from typing import Final

LEVELS: Final = ("withdrawal_management", "residential", "php", "iop", "outpatient")
RESIDENTIAL_LEVELS: Final = frozenset({"withdrawal_management", "residential"})
COMMERCIAL_PLANS: Final = ("employer", "marketplace")
AGE_GROUPS: Final = ("infant", "toddler", "preschool", "school_age")


# ---- treatment --------------------------------------------------------------------------


def length(level: str) -> str:
    """Typical length of a stage: days for residential levels, weeks for outpatient ones."""
    return f"{level}_length_days" if level in RESIDENTIAL_LEVELS else f"{level}_length_weeks"


def days_per_week(level: str) -> str:
    return f"{level}_days_per_week"


def hours_per_day(level: str) -> str:
    return f"{level}_hours_per_day"


def price(level: str) -> str:
    """The level's typical price: per day, or per session for standard outpatient care."""
    return "outpatient_price_usd_per_session" if level == "outpatient" else f"{level}_price_usd_per_day"


RESIDENTIAL_ADMISSION_FEE: Final = "residential_admission_fee_usd"
MEDICARE_OUTPATIENT_PER_DIEM: Final = "medicare_iop_hospital_per_diem_usd_per_day"
MEDICARE_PHP_PER_DIEM: Final = "medicare_php_hospital_per_diem_usd_per_day"


def medicare_per_diem(level: str) -> str:
    """Medicare's hospital per diem for an outpatient program day: PHP at its own rate, IOP at the IOP one."""
    return MEDICARE_PHP_PER_DIEM if level == "php" else MEDICARE_OUTPATIENT_PER_DIEM


def distance(residential: bool) -> str:
    return "residential_distance_miles" if residential else "outpatient_distance_miles"


# ---- insurance ---------------------------------------------------------------------------


def deductible(plan: str) -> str:
    return f"{plan}_deductible_usd"


def coinsurance(plan: str) -> str:
    return f"{plan}_coinsurance_fraction"


def oop_max(plan: str) -> str:
    return f"{plan}_oop_max_usd"


EMPLOYER_ADMISSION_COPAY: Final = "employer_copay_per_admission_usd"
MEDICAID_DAY_COPAY: Final = "medicaid_copay_per_day_usd"
MEDICAID_ADMISSION_COPAY: Final = "medicaid_copay_per_admission_usd"
OON_ALLOWED_FRACTION: Final = "out_of_network_allowed_fraction"
OON_DEDUCTIBLE: Final = "out_of_network_deductible_usd"
OON_COINSURANCE: Final = "out_of_network_coinsurance_fraction"
OON_OOP_MAX: Final = "out_of_network_oop_max_usd"
#: The ACA's yearly limit on in-network cost sharing, by plan year (self-only and family coverage).
ACA_OOP_LIMIT_SELF: Final = "aca_oop_max_self_usd"
ACA_OOP_LIMIT_FAMILY: Final = "aca_oop_max_family_usd"

MEDICARE_PART_A_DEDUCTIBLE: Final = "medicare_part_a_deductible_usd"
MEDICARE_DAY_61_90: Final = "medicare_part_a_coinsurance_day_61_90_usd_per_day"
MEDICARE_RESERVE_DAY: Final = "medicare_lifetime_reserve_coinsurance_usd_per_day"
MEDICARE_FULL_DAYS: Final = "medicare_full_coverage_days"
MEDICARE_COINSURANCE_DAYS_END: Final = "medicare_coinsurance_days_end"
MEDICARE_RESERVE_DAYS: Final = "medicare_lifetime_reserve_days"
MEDICARE_PSYCH_LIMIT: Final = "medicare_psychiatric_hospital_lifetime_days"
MEDICARE_PART_B_DEDUCTIBLE: Final = "medicare_part_b_deductible_usd"
MEDICARE_PART_B_COINSURANCE: Final = "medicare_part_b_coinsurance_fraction"

# ---- other payers (assumptions/payers.toml) ---------------------------------------------

MEDICARE_BENEFIT_PERIOD_GAP: Final = "medicare_benefit_period_gap_days"
MA_MOOP: Final = "medicare_advantage_moop_usd"
MA_COMBINED_MOOP: Final = "medicare_advantage_combined_moop_usd"
MA_INPATIENT_COPAY: Final = "medicare_advantage_inpatient_copay_usd_per_day"
MA_INPATIENT_COPAY_DAYS: Final = "medicare_advantage_inpatient_copay_days"
MA_OUTPATIENT_COINSURANCE: Final = "medicare_advantage_outpatient_coinsurance_fraction"
MEDIGAP_PLAN_N_COPAY: Final = "medigap_plan_n_copay_usd_per_visit"
MEDICAID_MAX_OUTPATIENT_COPAY: Final = "medicaid_max_copay_outpatient_usd"
MEDICAID_MAX_INPATIENT_COPAY: Final = "medicaid_max_copay_inpatient_stay_usd"
SLIDING_FEE_FACILITIES: Final = "treatment_facilities_sliding_fee_fraction"
FREE_CARE_FACILITIES: Final = "treatment_facilities_free_care_fraction"
#: Medigap plans with a yearly out-of-pocket limit (Social Security Act 1882(w)).
MEDIGAP_LIMIT_PLANS: Final = ("K", "L")


def medigap_oop_limit(plan: str) -> str:
    """Plans K and L: the yearly out-of-pocket limit."""
    return f"medigap_plan_{plan.lower()}_oop_limit_usd"


# ---- household ---------------------------------------------------------------------------

FULL_TIME_HOURS: Final = "full_time_hours_per_week"
MEDIAN_HOURLY_PAY: Final = "median_hourly_earnings_usd_per_hour"
PAID_TIME_OFF: Final = "paid_time_off_hours"
STD_FRACTION: Final = "std_replacement_fraction"
STD_WAITING_DAYS: Final = "std_waiting_days"
STD_WEEKLY_CAP: Final = "std_weekly_cap_usd_per_week"
STD_MAX_WEEKS: Final = "std_max_weeks"
FMLA_MAX_WEEKS: Final = "fmla_max_weeks"
SCHOOL_HOURS: Final = "school_hours_per_week"
CHILDCARE_MAX_AGE: Final = "childcare_max_age_years"
SITTER: Final = "babysitter_usd_per_hour"
SITTER_ADDITIONAL_CHILD: Final = "babysitter_additional_child_usd_per_hour"
FULL_WEEK_HOURS: Final = "childcare_full_week_hours"


def full_week_care(age_group: str) -> str:
    return f"childcare_full_week_{age_group}_usd_per_week"


#: Child-care prices a state's price index scales.
CHILDCARE_PRICES: Final = frozenset(
    {SITTER, SITTER_ADDITIONAL_CHILD, *(f"childcare_full_week_{g}_usd_per_week" for g in AGE_GROUPS)}
)

# ---- travel and lodging ------------------------------------------------------------------

DRIVE_SPEED: Final = "average_drive_speed_miles_per_hour"
FLIGHT_HOURS: Final = "flight_trip_hours"
CAR_COST: Final = "car_cost_usd_per_mile"
IRS_BUSINESS_MILEAGE: Final = "irs_business_mileage_usd_per_mile"
IRS_MEDICAL_MILEAGE: Final = "irs_medical_mileage_usd_per_mile"
COMMUTE_MINUTES: Final = "commute_minutes_one_way"
PARKING: Final = "parking_usd_per_trip"
TRANSIT_FARE: Final = "transit_fare_usd_per_ride"
FLIGHT_FARE: Final = "flight_round_trip_usd_per_trip"
HOTEL: Final = "hotel_usd_per_night"
MEALS: Final = "meals_usd_per_day"
SOBER_LIVING: Final = "sober_living_usd_per_month"
RENTAL: Final = "rental_one_bedroom_usd_per_month"
OVERNIGHT_THRESHOLD: Final = "overnight_drive_threshold_minutes"
VISITORS: Final = "visitors_per_visit"
FAMILY_PROGRAM_HOURS: Final = "family_program_hours_per_day"
VISITS_PER_WEEK: Final = "visits_per_week"
NO_VISIT_DAYS: Final = "no_visit_days"
FAMILY_PROGRAM_DAYS: Final = "family_program_days"


# ---- food --------------------------------------------------------------------------------

FOOD_AT_HOME: Final = "food_at_home_usd_per_week"

# ---- taxes -------------------------------------------------------------------------------

SOCIAL_SECURITY_TAX: Final = "social_security_tax_fraction"
MEDICARE_TAX: Final = "medicare_tax_fraction"
ADDITIONAL_MEDICARE_TAX: Final = "additional_medicare_tax_fraction"
ADDITIONAL_MEDICARE_THRESHOLD_SINGLE: Final = "additional_medicare_threshold_single_usd"
ADDITIONAL_MEDICARE_THRESHOLD_JOINT: Final = "additional_medicare_threshold_joint_usd"
SOCIAL_SECURITY_WAGE_BASE: Final = "social_security_wage_base_usd"
MEDICAL_AGI_FLOOR: Final = "medical_expense_agi_floor_fraction"
MEDICAL_LODGING_CAP: Final = "medical_lodging_cap_usd_per_night"


def all_keys() -> frozenset[str]:
    """Every key the model can ask for, formed the way the model forms it."""
    keys = {value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
    keys |= set(CHILDCARE_PRICES)
    for level in LEVELS:
        keys |= {length(level), price(level)}
        if level not in RESIDENTIAL_LEVELS:
            keys |= {days_per_week(level), hours_per_day(level)}
    for plan in COMMERCIAL_PLANS:
        keys |= {deductible(plan), coinsurance(plan), oop_max(plan)}
    keys |= {medigap_oop_limit(plan) for plan in MEDIGAP_LIMIT_PLANS}
    keys |= {distance(True), distance(False)}
    keys |= {full_week_care(g) for g in AGE_GROUPS}
    return frozenset(keys)
