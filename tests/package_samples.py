"""A filled-in event package (format version 1, the issue's example) for import tests."""

from __future__ import annotations

from typing import Any


def sample() -> dict[str, Any]:
    """The issue's example package, filled in."""
    return {
        "format": "planner.event-package",
        "version": 1,
        "organisation": {
            "name": "Centre for Pakistan and Gulf Studies",
            "short_name": "CPGS",
            "time_zone": "Asia/Karachi",
        },
        "people": [
            {
                "key": "p1",
                "honorific": "Lt. Gen. (R)",
                "given_name": "Syed Muhammad",
                "family_name": "Owais",
                "post_nominals": "HI (M)",
                "position": "",
                "affiliation": "",
                "email": "owais@example.org",
                "phone": "",
                "short_style": "",
                "salutation": "",
                "bio": "A retired general.",
            },
            {
                "key": "p2",
                "honorific": "Senator",
                "given_name": "Sehar",
                "family_name": "Kamran",
                "post_nominals": "(TI)",
            },
        ],
        "venues": [
            {
                "key": "v1",
                "name": "Islamabad Club",
                "city": "Islamabad",
                "address": "",
                "rooms": [{"name": "Main Hall", "capacity": 80}],
            }
        ],
        "series": [{"key": "s1", "title": "Pakistan Foreign Policy Review"}],
        "events": [
            {
                "uid": "gulf-security-2013@cpgs.example.org",
                "title": "Gulf Security: Emerging Scenario",
                "subtitle": "",
                "format": "roundtable",
                "status": "held",
                "series": "s1",
                "series_number": 2,
                "starts_at": "2013-03-12T17:00:00",
                "ends_at": "2013-03-12T19:00:00",
                "time_zone": "Asia/Karachi",
                "venue": "v1",
                "room": "Main Hall",
                "attribution": "chatham_house",
                "audience": "invitation",
                "concept_note": "Why now.",
                "background": "",
                "key_issues": ["What next?"],
                "roles": [{"person": "p2", "role": "chair"}, {"person": "p1", "role": "speaker"}],
                "agenda": [
                    {
                        "starts_at": "2013-03-12T17:00:00",
                        "ends_at": "2013-03-12T17:10:00",
                        "title": "Welcome",
                        "kind": "welcome",
                        "attribution": None,
                        "people": [{"person": "p2", "role": "chair"}],
                    },
                    {
                        "starts_at": "2013-03-12T17:10:00",
                        "ends_at": "2013-03-12T17:50:00",
                        "title": "Talk",
                        "kind": "presentation",
                        "attribution": "on_the_record",
                        "people": [{"person": "p1", "role": "speaker"}],
                    },
                    {
                        "starts_at": "2013-03-12T17:50:00",
                        "ends_at": "2013-03-12T18:50:00",
                        "title": "Discussion",
                        "kind": "discussion",
                    },
                ],
                "invitations": [{"person": "p1", "status": "accepted", "attended": True}],
                "consents": [
                    {"person": "p1", "may_be_named": True, "description": "a retired general"}
                ],
                "report": {"summary": "S", "discussion": "D", "recommendations": ["R1"]},
            }
        ],
    }
