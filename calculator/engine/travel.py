"""Lodging, meals and travel: the patient's bed and meals away from home, and the family's trips.

Round trips are priced by mode (:func:`trip_cost`); residential stages add the family's visits
and family-program days, with hotel nights and meals when the program is too far to drive home
the same day.
"""

from __future__ import annotations

import numpy as np

from ..inputs import Prices, StageInputs
from .days import DayFlags
from .lines import Line, Part, first, stage_count, stage_sum

SUNDAY = 6
#: Days in an average month (365 / 12), to turn monthly rents into a daily cost.
DAYS_PER_MONTH = 365.0 / 12.0


def trip_cost(s: StageInputs, p: Prices, travellers: np.ndarray, n_days: int, medical: bool = False) -> np.ndarray:
    """Cost of one round trip to the program [USD], ``(N, 1)`` or ``(N, D)`` (rates by day).

    Notes
    -----
    By car: twice the one-way distance at the cost per mile (the running cost of a car the
    family owns, or the IRS business rate, as the family chose), plus parking (one car, whoever
    rides). By transit: two fares per traveller. By air: one round-trip fare per traveller.
    ``medical``: the same trip as a medical expense (IRS medical mileage rate for a car).
    """
    if s.travel_mode == "car":
        per_mile = p.medical_mileage_usd_per_mile if medical else p.car_cost_usd_per_mile
        return 2.0 * s.distance_miles[:, None] * per_mile.on_days(n_days) + p.parking_usd_per_trip[:, None]
    if s.travel_mode == "transit":
        return (2.0 * p.transit_fare_usd_per_ride * travellers)[:, None]
    return (p.flight_round_trip_usd_per_trip * travellers)[:, None]


def _overnight(s: StageInputs, p: Prices) -> np.ndarray:
    """The family stays overnight when it flies or the drive is past the threshold, ``(N,)``."""
    return (s.one_way_minutes > p.overnight_threshold_minutes) | (s.travel_mode == "flight")


def _transfers(
    k: int, stages: tuple[StageInputs, ...], flags: DayFlags, trip: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Taking the patient in and bringing them home: cost and the family's hours on the road.

    A flight is one ticket there and one back, so half a round trip each way; a stay that
    follows or precedes another stage away from home shares its transfer with it.
    """
    s = stages[k]
    transfer = trip * (0.5 if s.travel_mode == "flight" else 1.0)
    hours = (2.0 * s.one_way_minutes / 60.0)[:, None]
    days = flags.zeros()
    if not (k > 0 and stages[k - 1].away_from_home):
        days = days + flags.first_days[k]
    if not (k + 1 < len(stages) and stages[k + 1].away_from_home):
        days = days + flags.last_days[k]
    return days * transfer, days * hours


def _visits(k: int, s: StageInputs, flags: DayFlags, p: Prices) -> dict[str, np.ndarray]:
    """Family visits and family-program days of a residential stage, with their costs.

    Notes
    -----
    Visiting opens ``no_visit_days`` into the stay. Family-program days are the first weekdays
    after that. Visits fall on Sundays, ``visits_per_week`` each (0.5 = every other week), except
    the last day (the family comes for the discharge then). An overnight visit costs a hotel
    night and two days of meals per visitor; a family-program trip made overnight is one trip
    for all the days.
    """
    m, last_day = flags.stage_masks[k], flags.last_days[k]
    n_days = flags.calendar.n_days
    stage_day = np.cumsum(m, axis=1) - 1
    open_for_visits = m & (stage_day >= s.no_visit_days[:, None])
    weekday_open = open_for_visits & flags.weekday_mask
    family_days = weekday_open & (np.cumsum(weekday_open, axis=1) <= s.family_program_days[:, None])
    sunday = open_for_visits & np.atleast_2d(flags.calendar.weekday == SUNDAY) & ~last_day
    visits = sunday * s.visits_per_week[:, None]
    stay = _overnight(s, p)[:, None]
    first_family_day = family_days & (np.cumsum(family_days, axis=1) == 1)
    trips = visits + np.where(stay, first_family_day, family_days)
    hours_per_trip = (2.0 * s.one_way_minutes / 60.0)[:, None]
    visitors = p.visitors_per_visit
    return {
        "travel": trips * trip_cost(s, p, visitors, n_days),
        "family_travel_hours": trips * hours_per_trip,
        "family_lodging": np.where(stay, visits + family_days, 0.0) * p.hotel_usd_per_night.on_days(n_days),
        "family_meals": np.where(stay, 2.0 * visits + family_days, 0.0)
        * visitors[:, None]
        * p.meals_usd_per_day.on_days(n_days),
        "visits": visits,
        "family_program_days": family_days.astype(float),
        "partner_program_hours": family_days * (p.family_program_hours_per_day[:, None] + hours_per_trip),
    }


def _food_at_home(k: int, s: StageInputs, flags: DayFlags, p: Prices) -> np.ndarray:
    """Groceries not bought for the patient [USD/day, negative]: every day the patient eats at a
    residential program (meals included, or priced as meals away) or in a hotel near the program.
    Sober living and a rented room mean buying food as at home: no saving."""
    if not (s.residential or s.patient_lodging == "hotel"):
        return flags.zeros()
    return np.where(flags.stage_masks[k], -(p.food_at_home_usd_per_week / 7.0)[:, None], 0.0)


def _medical_lodging(k: int, s: StageInputs, flags: DayFlags, p: Prices, lodging: np.ndarray) -> np.ndarray:
    """The patient's lodging that counts as a medical expense [USD/day]: lodging paid near care away
    from home, up to the per-night limit (a program's own bed is part of its price already)."""
    if not s.away_from_home:
        return flags.zeros()
    return np.minimum(lodging, p.medical_lodging_cap_usd_per_night[:, None]) * flags.stage_masks[k]


def _patient_lodging(k: int, s: StageInputs, flags: DayFlags, p: Prices) -> tuple[np.ndarray, np.ndarray]:
    """The patient's bed and meals when the program does not provide them and home is too far."""
    m = flags.stage_masks[k]
    n_days = flags.calendar.n_days
    zero = flags.zeros()
    hotel, meals = p.hotel_usd_per_night.on_days(n_days), p.meals_usd_per_day.on_days(n_days)
    if s.residential:
        return (m * hotel if not s.includes_lodging else zero), (m * meals if not s.includes_meals else zero)
    if s.patient_lodging == "sober_living":
        return m * (p.sober_living_usd_per_month / DAYS_PER_MONTH)[:, None], zero
    if s.patient_lodging == "rental":
        return m * (p.rental_usd_per_month / DAYS_PER_MONTH)[:, None], zero
    if s.patient_lodging == "hotel":
        return m * hotel, m * meals
    return zero, zero


NAMES = (
    "patient_lodging",
    "patient_meals",
    "food_at_home",
    "medical_travel",
    "medical_lodging",
    "family_lodging",
    "family_meals",
    "travel",
    "family_travel_hours",
    "visits",
    "family_program_days",
    "partner_program_hours",
)


def lodging_and_travel(stages: tuple[StageInputs, ...], flags: DayFlags, p: Prices, detail: bool) -> Part:
    """Lodging, meals and travel day by day; with ``detail``, their lines per stage."""
    daily = {name: flags.zeros() for name in NAMES}
    one = np.ones(flags.length_days.size)
    n_days = flags.calendar.n_days
    for k, s in enumerate(stages):
        trip = trip_cost(s, p, one, n_days)
        medical_trip = trip_cost(s, p, one, n_days, medical=True)
        if s.away_from_home:
            cost, hours = _transfers(k, stages, flags, trip)
            daily["travel"] += cost
            daily["medical_travel"] += _transfers(k, stages, flags, medical_trip)[0]
            daily["family_travel_hours"] += hours
        else:
            daily["travel"] += flags.billable[k] * trip
            daily["medical_travel"] += flags.billable[k] * medical_trip
        if s.residential:
            for name, value in _visits(k, s, flags, p).items():
                daily[name] += value
        lodging, meals = _patient_lodging(k, s, flags, p)
        daily["patient_lodging"] += lodging
        daily["patient_meals"] += meals
        daily["food_at_home"] += _food_at_home(k, s, flags, p)
        daily["medical_lodging"] += _medical_lodging(k, s, flags, p, lodging)
    daily["lodging_meals"] = (
        daily["patient_lodging"] + daily["patient_meals"] + daily["family_lodging"] + daily["family_meals"]
    )
    if p.count_food_at_home:
        daily["lodging_meals"] = daily["lodging_meals"] + daily["food_at_home"]
    part = Part(daily)
    if detail:
        part.lines = [line for k, s in enumerate(stages) for line in _lines(k, s, flags, p, daily)]
    return part


def _lines(k: int, s: StageInputs, flags: DayFlags, p: Prices, daily) -> list[Line]:
    m = flags.stage_masks[k]
    start = flags.first_days[k].argmax(axis=1)
    hotel, meals = first(p.hotel_usd_per_night.at(start)), first(p.meals_usd_per_day.at(start))
    car = first(p.car_cost_usd_per_mile.at(start)) if s.travel_mode == "car" else None
    lodging_kind = "room_not_included" if s.residential else s.patient_lodging
    return [
        Line(
            "lodging_meals",
            "patient_lodging",
            k,
            stage_sum(daily["patient_lodging"], m),
            basis={"nights": stage_count(daily["patient_lodging"], m), "lodging": lodging_kind},
        ),
        Line(
            "lodging_meals",
            "patient_meals",
            k,
            stage_sum(daily["patient_meals"], m),
            basis={"days": stage_count(daily["patient_meals"], m), "rate_usd_per_day": meals},
        ),
        Line(
            "lodging_meals",
            "family_lodging",
            k,
            stage_sum(daily["family_lodging"], m),
            basis={"rate_usd_per_night": hotel},
        ),
        Line(
            "lodging_meals", "family_meals", k, stage_sum(daily["family_meals"], m), basis={"rate_usd_per_day": meals}
        ),
        Line(
            "lodging_meals",
            "food_at_home",
            k,
            stage_sum(daily["food_at_home"], m),
            p.count_food_at_home,
            {"days": stage_count(-daily["food_at_home"], m), "rate_usd_per_week": first(p.food_at_home_usd_per_week)},
        ),
        Line(
            "travel",
            "travel",
            k,
            stage_sum(daily["travel"], m),
            basis={
                "miles": first(s.distance_miles),
                "mode": s.travel_mode,
                "rate_usd_per_mile": car,
                "car_rate": p.car_rate if car is not None else None,
            },
        ),
    ]
