/**
 * Appendix 2 of the evaluation report (Tables 11-14 and 18-21): per cohort and
 * window, referrals, children per status and days per status, as published.
 * The seed builds its cohorts' windows from these figures.
 */
const reportTables = {
  "ifp": {
    "intervention": {
      "before": {
        "referrals": 43,
        "children": {
          "CIN": 24,
          "CP": 26,
          "CLA": 2
        },
        "days": {
          "CIN": 3761,
          "CP": 6732,
          "CLA": 212
        }
      },
      "after": {
        "referrals": 0,
        "children": {
          "CIN": 10,
          "CP": 1,
          "CLA": 0
        },
        "days": {
          "CIN": 1105,
          "CP": 240,
          "CLA": 0
        }
      },
      "n": 78
    },
    "comparison": {
      "before": {
        "referrals": 56,
        "children": {
          "CIN": 1,
          "CP": 2,
          "CLA": 0
        },
        "days": {
          "CIN": 28,
          "CP": 385,
          "CLA": 0
        }
      },
      "after": {
        "referrals": 6,
        "children": {
          "CIN": 15,
          "CP": 12,
          "CLA": 1
        },
        "days": {
          "CIN": 2040,
          "CP": 3043,
          "CLA": 335
        }
      },
      "n": 116
    }
  },
  "hub": {
    "intervention": {
      "before": {
        "referrals": 138,
        "children": {
          "CIN": 12,
          "CP": 1,
          "CLA": 5
        },
        "days": {
          "CIN": 1440,
          "CP": 76,
          "CLA": 823
        }
      },
      "after": {
        "referrals": 13,
        "children": {
          "CIN": 27,
          "CP": 5,
          "CLA": 4
        },
        "days": {
          "CIN": 4554,
          "CP": 1307,
          "CLA": 863
        }
      },
      "n": 228
    },
    "comparison": {
      "before": {
        "referrals": 41,
        "children": {
          "CIN": 0,
          "CP": 2,
          "CLA": 1
        },
        "days": {
          "CIN": 0,
          "CP": 385,
          "CLA": 3
        }
      },
      "after": {
        "referrals": 3,
        "children": {
          "CIN": 3,
          "CP": 12,
          "CLA": 3
        },
        "days": {
          "CIN": 443,
          "CP": 2478,
          "CLA": 544
        }
      },
      "n": 64
    }
  }
} as const;

export default reportTables;
