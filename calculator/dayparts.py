"""Parts of the day: when someone must be with a child. The one place their hours are set.

A weekday splits into daytime (08:00-18:00), evening (18:00-23:00) and night (23:00-08:00); a
Saturday or Sunday into a weekend day (08:00-23:00) and night. Who looks after a child now, and
what an option adds, are counted part by part, so help in the daytime never covers an evening
session. A full week of center care covers daytime hours only (centers are open about ten hours
a weekday).
"""

from __future__ import annotations

from typing import Final

#: Hours in each part of one day.
DAYTIME_HOURS: Final = 10.0
EVENING_HOURS: Final = 5.0
NIGHT_HOURS: Final = 9.0
WEEKEND_DAY_HOURS: Final = 15.0

#: The parts, in the order the model and the words use them.
PARTS: Final = ("daytime", "evening", "night", "weekend")

#: Hours of each part in a week: weekday daytimes and evenings (5 each), nights (7), the two
#: weekend days. They add up to 168.
WEEK_HOURS: Final = {
    "daytime": 5 * DAYTIME_HOURS,
    "evening": 5 * EVENING_HOURS,
    "night": 7 * NIGHT_HOURS,
    "weekend": 2 * WEEKEND_DAY_HOURS,
}

#: The part of a weekday a work schedule (or paid care arranged around it) falls in.
SCHEDULE_PART: Final = {"day": "daytime", "evening": "evening", "night": "night", "not_working": "daytime"}
