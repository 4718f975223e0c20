/**
 * The rule catalogue: every DfE validation rule of the 2024/25 SSDA903 and CIN
 * census collections (as the DfE community validators, data-to-insight
 * csc-validator-be-903 v0.1.14 and csc-validator-be-cin v0.1.9, define the
 * 2024/25 rule set), with whether Evident checks it, plus Evident's own EV
 * codes. The descriptions are Evident's own words. `evident rules` prints it;
 * docs/statutory.md lists it. A rule marked implemented has a failing and a
 * passing case in parity.test.ts.
 */

export const RULE_STATUSES = ["implemented", "needs-previous-year", "needs-reference-data", "table-not-read", "la-level", "not-implemented"] as const;
export type TRuleStatus = (typeof RULE_STATUSES)[number];

/** What each status means, in plain words. */
export const RULE_STATUS_TEXT: Record<TRuleStatus, string> = {
  implemented: "checked by Evident",
  "needs-previous-year": "compares with last year's return: checked when it is given (--ssda903-previous), skipped otherwise",
  "table-not-read": "not applicable: needs a table Evident does not read (none left: every SSDA903 table is read for its rules)",
  "needs-reference-data": "needs reference files (a postcode directory and the authority's code; Ofsted's provider list for URN rules): checked when given (--postcodes, --la, --ofsted-urns), skipped otherwise",
  "la-level": "not applicable: a check on the whole return (percentages or the header), not on a child",
  "not-implemented": "not checked yet",
};

/** One rule of the DfE's SSDA903 or CIN census validation (or an Evident EV code) and whether Evident checks it. */
export interface StatutoryRule {
  code: string;
  /** The return the rule belongs to; "evident" for Evident's own file and format codes. */
  return: "ssda903" | "cin" | "evident";
  severity: "error" | "warning";
  status: TRuleStatus;
  description: string;
}

// return|code|severity|status|description, one rule a line.
const ROWS = `
ssda903|101|error|implemented|SEX is not a valid code (M, F, U; the old 1/2 coding is a warning from 2024/25)
ssda903|102|error|implemented|DOB is missing or not a real date
ssda903|103|error|implemented|ETHNIC is missing or not a DfE ethnicity code
ssda903|104|error|implemented|DUC (date UASC status ceased) is not a real date, or is before the start of the collection year
ssda903|105|error|implemented|the Header's UASC flag (903 XML only) is not 0 or 1
ssda903|112|error|implemented|AD1 DATE_INT (decision that the child should be placed for adoption) is given but not a real date
ssda903|113|error|implemented|AD1 DATE_MATCH (child matched with the adopters) is given but not a real date
ssda903|114|error|implemented|AD1 FOSTER_CARE (adopted by the former foster carer) is not 0 or 1
ssda903|115|error|implemented|PlacedAdoption DATE_PLACED (decision that the child should be placed for adoption) is given but not a real date
ssda903|116|error|implemented|PlacedAdoption DATE_PLACED_CEASED (decision that the child should no longer be placed for adoption) is given but not a real date
ssda903|117|error|implemented|DATE_PLACED or DATE_PLACED_CEASED is after the collection year or after the DEC of the child's latest episode not ending X1
ssda903|118|error|implemented|DATE_PLACED_CEASED is before the collection year or before the child's first episode with LS other than V3/V4
ssda903|119|error|implemented|DATE_PLACED_CEASED and REASON_PLACED_CEASED are not both given or both blank
ssda903|120|error|implemented|REASON_PLACED_CEASED is not a valid code (RD1-RD4)
ssda903|131|error|implemented|OC3 IN_TOUCH is missing or not a valid code (YES, NO, DIED, REFU, NREQ, RHOM)
ssda903|132|error|implemented|OC3 ACTIV is missing or not a valid activity code
ssda903|133|error|implemented|OC3 ACCOM is missing or not a valid accommodation code
ssda903|134|error|implemented|AD1 adoption information is given for a young person who also has care leaver information in OC3
ssda903|141|error|implemented|DECOM is missing or not a real date
ssda903|142|error|implemented|an episode is not ended although a later episode starts
ssda903|143|error|implemented|RNE is not a valid reason for new episode
ssda903|144|error|implemented|LS is not a valid legal status
ssda903|145|error|implemented|CIN (category of need) is not a valid code
ssda903|146|error|implemented|PLACE is not a valid placement type for the collection year
ssda903|147|error|implemented|DEC is not a real date
ssda903|148|error|implemented|DEC and REC must both be given or both be blank
ssda903|149|error|implemented|REC is not a valid reason episode ceased
ssda903|151|error|implemented|the six AD1 adoption items are neither all given nor all blank
ssda903|153|error|implemented|OC3 IN_TOUCH, ACTIV and ACCOM are neither all given nor all blank
ssda903|157|error|implemented|OC2 SDQ_REASON is SDQ1 (not of SDQ age) for a child looked after for 12 months who was 4 or over at the start of the year and 16 or under at its end
ssda903|158|error|implemented|OC2 INTERVENTION_OFFERED is given although INTERVENTION_RECEIVED is 1
ssda903|159|error|implemented|OC2 INTERVENTION_OFFERED is blank for a child with a substance misuse problem (1) who received no intervention (0)
ssda903|164|error|needs-reference-data|the placement distance worked out from HOME_POST and PL_POST is not between 0 and 999.9 miles (children not UASC)
ssda903|165|error|implemented|Header MOTHER does not fit the care leaver: not 0 or 1; given for a boy; blank for a girl looked after this year; given for a girl with care leaver information but no episode this year (the validators read SEX as 1/2)
ssda903|166|error|implemented|REVIEW is blank or not a real date
ssda903|167|error|implemented|REVIEW_CODE is not a participation code PN0–PN7 for a dated review (both blank is allowed)
ssda903|168|error|implemented|UPN is not a letter (not I, O or S) and 12 characters, nor UN1-UN5
ssda903|169|error|needs-reference-data|the local authority of the placement cannot be found from PL_POST (not for LS V3/V4)
ssda903|171|error|implemented|MC_DOB is not a real date
ssda903|174|error|implemented|MC_DOB is given but SEX is M
ssda903|175|error|implemented|AD1 NB_ADOPTR is not 1 or 2
ssda903|176|error|implemented|AD1 SEX_ADOPTR is not a valid code (M1, F1, MM, FF, MF)
ssda903|177|error|implemented|AD1 LS_ADOPTR is not a valid code (L0, L11, L12, L2, L3, L4)
ssda903|178|error|implemented|PLACE_PROVIDER is not a valid code, or is given for a temporary placement or Z1
ssda903|179|error|needs-reference-data|whether the placement is in or out of the authority cannot be found from PL_POST (not for LS V3/V4)
ssda903|180|error|implemented|OC2 SDQ_SCORE is not a whole number from 0 to 40
ssda903|181|error|implemented|OC2 items (CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED) take 0 or 1
ssda903|182|error|implemented|OC2 immunisations, teeth check, health assessment or substance misuse is blank while another OC2 item is given
ssda903|184|error|implemented|DATE_PLACED is before the child's DOB
ssda903|185|error|implemented|OC2 SDQ_SCORE is given for a child not looked after continuously for the 12 months to 31 March
ssda903|186|error|implemented|OC2 has no SDQ score or reason for a child looked after for 12 months, 4 or over at the start of the year and under 17 at its end
ssda903|187|error|implemented|OC3 or AD1 information is given for a child looked after continuously for the 12 months to 31 March
ssda903|188|error|implemented|OC2 SDQ score or reason is given for a child under 4 at the end of the year
ssda903|189|error|implemented|OC2 SDQ score or reason is given for a young person over 17 at the start of the year
ssda903|190|error|implemented|OC2 items are given for a child not looked after continuously for the 12 months to 31 March
ssda903|191|error|implemented|a child looked after continuously for 12 months has no OC2 row, or blank immunisations, teeth check, health assessment or substance misuse
ssda903|192|error|implemented|OC2 INTERVENTION_RECEIVED is blank for a child with a substance misuse problem
ssda903|193|error|implemented|OC2 intervention received or offered is given but SUBSTANCE_MISUSE is not 1
ssda903|196|error|implemented|OC2 SDQ_REASON is not a valid code (SDQ1–SDQ5)
ssda903|197B|error|implemented|OC2 has no SDQ score or reason for a child looked after for 12 months who turned 4 or 17 this year
ssda903|197a|error|implemented|OC2 gives both an SDQ score and a reason for no score
ssda903|198|error|implemented|OC2 SDQ_REASON is given for a child not looked after continuously for the 12 months to 31 March
ssda903|199|error|implemented|an episode follows an episode that ended in adoption (E11/E12)
ssda903|202|error|implemented|SEX differs from last year's Header (checked when last year's Header is given first)
ssda903|203|error|implemented|DOB differs from last year's Header (checked when last year's Header is given first)
ssda903|204|error|implemented|ETHNIC differs from last year's Header (checked when last year's Header is given first)
ssda903|205A|error|needs-previous-year|UASC last year but not this year, while the dates UASC ceased (DUC) do not show it ending last year (checked with --ssda903-previous)
ssda903|205B|error|needs-previous-year|UASC this year and last, while last year's DUC is not the 18th birthday or this year's is neither in this year nor last year's (checked with --ssda903-previous)
ssda903|205C|error|needs-previous-year|UASC in neither year, while a date UASC ceased (DUC) is given (checked with --ssda903-previous)
ssda903|205D|error|needs-previous-year|UASC this year but not last year (checked with --ssda903-previous)
ssda903|207|error|needs-previous-year|MOTHER was 1 last year but is not 1 now (a child with episodes) (checked with --ssda903-previous)
ssda903|208|error|implemented|UPN differs from last year's Header other than unknown to known or UN1 to UN2-UN5 (checked when last year's Header is given first)
ssda903|209|error|implemented|UPN UN1 (not of school age) for a child of school age
ssda903|210|error|implemented|UPN UN4 (looked after under a week at 31 March) but an episode starts before 24 March
ssda903|213|error|implemented|PLACE_PROVIDER is given for a temporary placement (T0-T4)
ssda903|214|error|implemented|PL_POST or URN is given for a short break (LS V3/V4)
ssda903|215|error|implemented|a young person has both care leaver information (OC3) and OC2 items
ssda903|217|error|implemented|placement for adoption with current foster carers (A3/A5) from April 2015 must have RNE S, T or U
ssda903|218|error|needs-reference-data|URN is blank for a placement in England that needs one (episode open at or ending after the year start)
ssda903|219|error|needs-reference-data|the placement type is not one Ofsted lists for the URN
ssda903|221|error|needs-reference-data|PL_POST is not the postcode Ofsted lists for the URN (K1, K2, K3, R3, S1 placements)
ssda903|222|error|implemented|an Ofsted URN is given for a placement type that has none
ssda903|224|error|needs-reference-data|PLACE_PROVIDER is not one Ofsted lists for the URN
ssda903|225|error|implemented|REASON_PLACE_CHANGE is blank on an episode ending X1 where the placement changes next
ssda903|226|error|implemented|REASON_PLACE_CHANGE is given on (or just before) a temporary placement
ssda903|227|error|needs-reference-data|the episode starts on or after the date the URN was deregistered
ssda903|228|error|needs-reference-data|the episode ends (or is open at the year end) after the date the URN was deregistered
ssda903|229|error|needs-reference-data|PR1 (own provision) with a provider Ofsted places in another authority, or PR2 with one in this authority
ssda903|231|error|implemented|a UASC child (in the UASC table) was under 11 at the end of the collection year: check the DOB
ssda903|232|error|implemented|SEX U: the child's sex is reported as not known
ssda903|301|error|implemented|DOB is after the end of the collection year
ssda903|302|error|implemented|an episode starts before the child's DOB
ssda903|303|error|implemented|a date UASC status ceased (DUC) is given but the Header's UASC flag (903 XML only) is not 1
ssda903|304|error|implemented|DUC is after the child's 18th birthday
ssda903|331|error|implemented|DATE_MATCH is after the DECOM of an episode that ended in adoption (REC E11/E12)
ssda903|333|error|implemented|DATE_MATCH is given but DATE_INT is missing or after it
ssda903|334|error|implemented|DATE_INT is before the DECOM of the child's latest episode with RNE S
ssda903|335|error|implemented|FOSTER_CARE contradicts the adoption placement (0 with A2/A3/A5, or 1 with A1/A4/A6) of an episode ending E1/E11/E12
ssda903|336|error|implemented|placement for adoption (A3/A4) does not follow a foster or adoption placement
ssda903|344|error|implemented|OC3 IN_TOUCH is DIED or RHOM but ACTIV or ACCOM is not 0
ssda903|345|error|implemented|OC3 IN_TOUCH is YES but ACTIV or ACCOM is 0
ssda903|347|error|implemented|OC3 ACCOM is T (Foyer) for a young person under 18 at the start of the year (as the validators read it: the code T, not T1/T2)
ssda903|351|error|implemented|the child was over 25 at the start of the collection year
ssda903|352|error|implemented|the child started to be looked after (RNE S) aged 18 or over
ssda903|353|error|implemented|DECOM is before 14 October 1991
ssda903|354|error|implemented|DECOM is after the end of the collection year
ssda903|355|error|implemented|the episode lasted less than 24 hours (DEC = DECOM)
ssda903|356|error|implemented|DEC is before DECOM
ssda903|357|error|implemented|the child's first episode (in the collection year) is not RNE S
ssda903|358|error|implemented|legal status J1/J2/J3 for a child not over 10 at DECOM
ssda903|359|error|implemented|still looked after after the 18th birthday other than under LS V2 in PLACE K2
ssda903|361|error|implemented|police protection (L1) lasted more than 72 hours
ssda903|362|error|implemented|an emergency protection order (L2) lasted more than 21 days
ssda903|363|error|implemented|a child assessment order (L3) lasted more than 7 days
ssda903|364|error|implemented|detention under PACE (J2) lasted more than 21 days
ssda903|365|error|implemented|a single short break (V3) lasted more than 17 days
ssda903|366|error|implemented|a short break (V3) is not a new episode (RNE S)
ssda903|367|error|implemented|more than 75 days of short breaks (V3) in the collection year
ssda903|371|error|implemented|placement type K3 for a child under 16 at DECOM
ssda903|372|error|implemented|youth custody or prison (R5) for a child under 10 at DECOM
ssda903|373|error|implemented|placed in a school (S1) under 4 at DECOM
ssda903|374|error|implemented|residential employment (P3) under 14 at DECOM
ssda903|375|error|implemented|temporary placement in hospital (T1) longer than 6 weeks
ssda903|376|error|implemented|temporary placement for the carers' holiday (T3) longer than 3 weeks
ssda903|377|error|implemented|more than two temporary placements for the carers' holiday (T3)
ssda903|378|error|implemented|placed with parents (P1) under a single section 20 accommodation (V2)
ssda903|379|error|implemented|temporary placement for another reason (T4) longer than 7 days
ssda903|380|error|implemented|a temporary placement starts a period of care (RNE not P or B)
ssda903|381|error|implemented|a temporary placement ends a period of care (REC not X1)
ssda903|382|error|implemented|a short break (V3/V4) in a temporary placement
ssda903|383|error|implemented|after a temporary placement the child does not return to the previous placement with RNE P
ssda903|384|error|implemented|a short break (V3/V4) in a long-term foster placement (U1/U4)
ssda903|385|error|implemented|DEC is after the end of the collection year
ssda903|386|error|implemented|REC adopted (E11/E12) but the child was 18 or over at DEC
ssda903|387|error|implemented|REC independent living (E5/E6) but the child was under 14 at DEC
ssda903|388|error|implemented|REC X1 without a continuation episode starting on DEC, or another REC followed by an episode on DEC
ssda903|389|error|implemented|REC transferred to adult social care (E7) but the child was under 16 at DEC (or DEC blank)
ssda903|390|error|implemented|REC adopted (E11/E12) but the placement is not a placement for adoption (A3-A6)
ssda903|391|error|implemented|OC3 care leaver information is given for a young person not yet 17 at the end of the year
ssda903|392a|error|needs-reference-data|no placement distance can be worked out from the postcodes for a child who is not UASC (not for LS V3/V4)
ssda903|392b|error|needs-reference-data|HOME_POST or PL_POST is blank for a child who is not UASC (not for LS V3/V4)
ssda903|392c|error|needs-reference-data|HOME_POST or PL_POST is not a postcode in the postcode reference
ssda903|392d|error|implemented|HOME_POST and PL_POST are the same for a placement other than P1
ssda903|393|error|implemented|MOTHER blank for a looked-after girl
ssda903|398|error|implemented|postcodes are given for a short break (V3/V4)
ssda903|399|error|implemented|MOTHER, a review or a participation code is given for a child whose episodes are all short breaks (LS V3/V4)
ssda903|406|error|needs-reference-data|a placement distance can be worked out for a UASC child (the postcodes should be blank)
ssda903|407|error|implemented|REC special guardianship (E45-E48) but the child was over 18 at DEC
ssda903|408|error|implemented|placement for adoption with a placement order (A5/A6) without LS E1
ssda903|411|error|needs-reference-data|the placement is recorded as in the authority but its local authority is another (holds by construction when both are worked out from PL_POST)
ssda903|420|error|needs-reference-data|the placement local authority is known for a child under LS V3/V4 (short breaks)
ssda903|426|error|implemented|short breaks recorded under both V3 and V4 for the same child
ssda903|431|error|implemented|RNE S although the previous episode ended on or after this DECOM
ssda903|432|error|implemented|the previous episode ended the period of care (REC other than X1) but RNE is not S
ssda903|433|error|implemented|a continuation RNE (L, P, T, B, U) does not start on the previous DEC
ssda903|434|error|implemented|RNE L (legal status only) but LS is unchanged or the placement changed
ssda903|435|error|implemented|RNE P/T (placement only) but LS changed or the placement is unchanged
ssda903|436|error|implemented|RNE B/U (both) but LS or the placement is unchanged
ssda903|437|error|implemented|REC died (E2) or ceased at 18+ (E15) but a later episode follows
ssda903|440|error|implemented|REVIEW_CODE PN0 (under 4) but the child was 4 or over on the review date
ssda903|441|error|implemented|REVIEW_CODE PN1–PN7 (4 or over) but the child was under 4 on the review date
ssda903|442|error|implemented|UPN blank for a looked-after child
ssda903|446|error|implemented|LS E1 on an episode starting before December 2005
ssda903|452|error|needs-previous-year|the placement's authority (from PL_POST) of this year's first episode differs from last year's open last episode, with the same RNE (checked with --ssda903-previous and --postcodes)
ssda903|453|error|needs-previous-year|the placement distance of this year's first episode differs by 0.2 miles or more from last year's open last episode (or was unknown), with the same RNE (checked with --ssda903-previous and --postcodes)
ssda903|460|error|implemented|REC stayed with carers at 18 (E17) but the child was under 18 at DEC
ssda903|501|error|implemented|an episode starts before the previous episode's DEC
ssda903|502|error|needs-previous-year|last year ended with an open episode whose DECOM is not this year's first DECOM (checked with --ssda903-previous)
ssda903|503A|error|needs-previous-year|RNE of this year's first episode differs from last year's open last episode (checked with --ssda903-previous)
ssda903|503B|error|needs-previous-year|LS of this year's first episode differs from last year's open last episode (checked with --ssda903-previous)
ssda903|503C|error|needs-previous-year|CIN of this year's first episode differs from last year's open last episode (checked with --ssda903-previous)
ssda903|503D|error|needs-previous-year|PLACE of this year's first episode differs from last year's open last episode (H5 to K3, Z1 to Z11-Z14 allowed) (checked with --ssda903-previous)
ssda903|503E|error|needs-previous-year|PLACE_PROVIDER of this year's first episode differs from last year's open last episode (checked with --ssda903-previous)
ssda903|503F|error|needs-previous-year|URN of this year's first episode differs from last year's open last episode (checked with --ssda903-previous)
ssda903|503G|error|needs-previous-year|the placement distance of this year's first episode differs by 0.2 miles or more from last year's open last episode (or was unknown) (checked with --ssda903-previous and --postcodes)
ssda903|503H|error|needs-previous-year|the placement's authority (from PL_POST) of this year's first episode differs from last year's open last episode (checked with --ssda903-previous and --postcodes)
ssda903|503J|error|needs-previous-year|the placement location (in or out of the authority) of this year's first episode differs from last year's open last episode (checked with --ssda903-previous and --postcodes)
ssda903|504|error|implemented|CIN (category of need) changes within a period of care (after REC X1)
ssda903|511|error|implemented|NB_ADOPTR is 2 but SEX_ADOPTR is a single adopter's code (M1/F1)
ssda903|514|error|implemented|LS_ADOPTR is L0 (single adopter) but SEX_ADOPTR is not M1 or F1
ssda903|516|error|implemented|REC special guardianship to former foster carers (E45/E46) but the placement is not foster care (U1-U6)
ssda903|517|error|implemented|LS_ADOPTR is L3 but SEX_ADOPTR is not MF
ssda903|518|error|implemented|LS_ADOPTR is L4 but SEX_ADOPTR is not MM or FF
ssda903|519|error|implemented|LS_ADOPTR is L2 (civil partners) but SEX_ADOPTR is not a couple's code (MM, FF, MF)
ssda903|520|error|implemented|LS_ADOPTR is L11 (married, different sexes) but SEX_ADOPTR is not MF
ssda903|521|error|implemented|DATE_INT is after the DECOM of an episode placed for adoption (PLACE A3-A6)
ssda903|522|error|implemented|DATE_PLACED_CEASED is before DATE_PLACED
ssda903|523|error|implemented|PlacedAdoption DATE_PLACED differs from AD1 DATE_INT for the same child
ssda903|524|error|implemented|LS_ADOPTR is L12 (married, same sex) but SEX_ADOPTR is not MM or FF
ssda903|525|error|implemented|the decision to place for adoption was reversed (DATE_PLACED_CEASED) yet AD1 gives adoption details
ssda903|526|error|implemented|PLACE_PROVIDER blank for a placement other than T0-T4 or Z1
ssda903|527|error|implemented|PLACE_PROVIDER PR1 with placement P1, R2 or R5
ssda903|528|error|implemented|PLACE_PROVIDER PR2 with placement P1, R2 or R5
ssda903|529|error|implemented|PLACE_PROVIDER PR3 with placement A3-A6, K1, K2, P1 or U1-U6
ssda903|530|error|implemented|PLACE_PROVIDER PR4 with placement P1
ssda903|531|error|implemented|PLACE_PROVIDER PR5 with placement P1
ssda903|542|error|implemented|OC2 CONVICTED is given for a child under 10 at 31 March
ssda903|543|error|implemented|OC2 CONVICTED is blank for a child 10 or over at 31 March looked after for 12 months
ssda903|544|error|implemented|OC2 CONVICTED is 1 but immunisations, teeth check, health assessment or substance misuse is blank
ssda903|545|error|implemented|OC2 HEALTH_CHECK is blank for a child under 5 at 31 March looked after for 12 months
ssda903|546|error|implemented|OC2 HEALTH_CHECK is given for a child 5 or over at 31 March looked after for 12 months
ssda903|547|error|implemented|OC2 HEALTH_CHECK is 1 but immunisations, teeth check, health assessment or substance misuse is blank
ssda903|550|error|implemented|PLACE_PROVIDER PR0 with a placement other than P1
ssda903|551|error|implemented|an episode is placed for adoption (PLACE A3-A6) but PlacedAdoption gives no DATE_PLACED for the child
ssda903|552|error|implemented|the child's first adoption placement (PLACE A3-A6) starts before the latest DATE_PLACED
ssda903|553|error|implemented|an E1 (placement order) episode with no PlacedAdoption row, or an open E1 episode with the decision given as reversed
ssda903|554|error|implemented|DATE_PLACED is after the DECOM of the child's first episode with LS E1
ssda903|557|error|implemented|the child left care not adopted from an adoption placement (A3-A6) or LS E1 but the decision is not given as reversed
ssda903|558|error|implemented|the child was adopted (REC E11/E12) but every one of several decisions to place for adoption is given as reversed
ssda903|559|error|needs-previous-year|DATE_PLACED is before the collection year but last year's PlacedAdoption gives no DATE_PLACED for the child (PlacedAdoption of both years) (checked with --ssda903-previous)
ssda903|560|error|needs-previous-year|DATE_PLACED differs from last year's decision, which was not reversed (PlacedAdoption of both years) (checked with --ssda903-previous)
ssda903|561|error|needs-previous-year|DATE_PLACED is the same as last year's decision, which was reversed (PlacedAdoption of both years) (checked with --ssda903-previous)
ssda903|562|error|needs-previous-year|the first episode starting before the year is not last year's latest episode (checked with --ssda903-previous)
ssda903|563|error|implemented|DATE_PLACED_CEASED and REASON_PLACED_CEASED are given but DATE_PLACED is blank
ssda903|564|error|implemented|MISSING is M or A but MIS_START is blank
ssda903|565|error|implemented|MIS_START is given but MISSING is blank
ssda903|566|error|implemented|MIS_END is given but MISSING is blank
ssda903|567|error|implemented|MIS_END is before MIS_START
ssda903|570|error|implemented|MIS_START is after the end of the collection year
ssda903|571|error|implemented|MIS_END is before the start or after the end of the collection year
ssda903|574|error|implemented|a child's missing periods overlap, or a new one starts while an earlier one is still open
ssda903|575|error|implemented|a missing period started during an episode that has ended but has no MIS_END
ssda903|576|error|needs-previous-year|a missing period open at the end of last year's return does not come back as the child's first period this year, on the same start day (checked with --ssda903-previous)
ssda903|577|error|implemented|a missing period lies outside every period of care of the child (open after care ended, or ending outside care)
ssda903|578|error|implemented|MIS_START is before or after every period of care of the child
ssda903|579|error|implemented|a decision to place for adoption starts while the previous one is open, or before it was reversed
ssda903|580|error|implemented|a missing period ends on the 18th birthday, the day an episode ends, but that episode's REC is not E8
ssda903|581|error|implemented|MIS_START is not within any episode of the child (missing before being looked after)
ssda903|582|error|implemented|DATE_MATCH is the DEC of the episode that ended in adoption (REC E11/E12)
ssda903|583|error|implemented|several decisions to place for adoption, and one other than the latest has no DATE_PLACED_CEASED
ssda903|584|error|needs-previous-year|DATE_PLACED is blank or not after last year's reversed decision (PlacedAdoption of both years) (checked with --ssda903-previous)
ssda903|586|error|implemented|MIS_START is on or before the child's date of birth
ssda903|601|error|implemented|the child was adopted this year (REC E11/E12) but some AD1 items are blank
ssda903|602|error|implemented|AD1 gives adoption details but no episode ended in adoption (REC E11/E12) this year
ssda903|607|error|implemented|MOTHER blank for a girl who ceased to be looked after in the year
ssda903|611|error|implemented|MOTHER is 1 but MC_DOB is blank
ssda903|612|error|implemented|MC_DOB is given for a girl (SEX F) whose MOTHER is not 1
ssda903|620|error|implemented|MOTHER 1 for a child under 11 at the start of the year
ssda903|621|error|implemented|MC_DOB is not after the mother's own DOB
ssda903|624|error|needs-previous-year|MC_DOB differs from last year's (given) MC_DOB (checked with --ssda903-previous)
ssda903|625|error|implemented|MC_DOB after the end of the year or the child's last DEC
ssda903|626|error|needs-previous-year|MOTHER 0 last year but 1 now with MC_DOB before this collection year (checked with --ssda903-previous)
ssda903|628|error|implemented|Header MOTHER is given for a care leaver (OC3) with no episodes
ssda903|630|error|implemented|the child started care this year (RNE S) but PrevPerm is missing, PREV_PERM is blank, or LA_PERM/DATE_PERM is blank without PREV_PERM Z1
ssda903|631|error|implemented|PREV_PERM is not a valid code (P1-P4, Z1)
ssda903|632|error|implemented|DATE_PERM is not a valid date (ZZ allowed for an unknown day or month) or not before the child's first DECOM
ssda903|633|error|implemented|LA_PERM is not a DfE local-authority code nor WAL, SCO, NIR, NUK (Evident's list adds the authorities created since 2019)
ssda903|634|error|implemented|previous permanence is given but the child's latest episode started before the collection year
ssda903|635|error|implemented|LA_PERM or DATE_PERM is given but PREV_PERM is blank
ssda903|1000|error|implemented|OC3 row for a young person who died in care (an episode ending REC E2); checked on this year's episodes (the validators add last year's when given)
ssda903|1001|error|needs-previous-year|OC3 young person not looked after for 13 weeks after the 14th birthday (some of it after the 16th), or left care by adoption, judged on this year's and last year's episodes (checked with --ssda903-previous)
ssda903|1002|error|needs-previous-year|OC3 young person with no episodes this year or last (checked with --ssda903-previous)
ssda903|1003|error|implemented|DATE_PLACED is before the DECOM of the child's first episode with RNE S
ssda903|1004|error|implemented|MIS_START is blank or not a real date
ssda903|1005|error|implemented|MIS_END is given but not a real date
ssda903|1006|error|implemented|MISSING is not a valid code (M or A, or blank)
ssda903|1007|error|implemented|OC3 information is given for a 17- or 18-year-old who was still looked after on the last birthday (an episode ending after it)
ssda903|1008|error|needs-reference-data|URN is not in Ofsted's provider list
ssda903|1009|error|implemented|REASON_PLACE_CHANGE is not a valid code
ssda903|1010|error|needs-previous-year|OC3 young person still looked after at the end of last year's return but with no episodes this year (checked with --ssda903-previous)
ssda903|1011|error|implemented|OC3 information is given although the last episode ended with care transferred to another authority (REC E3)
ssda903|1012|error|implemented|a child in OC2, AD1, PlacedAdoption, PrevPerm, Reviews or Missing has no episodes
ssda903|1014|error|implemented|UASC information is given for a care leaver with episodes but none this year and OC3 information
ssda903|1015|error|needs-reference-data|the provider is the authority's own provision (PR1) but the placement is not in the authority (not fostering, adoption or LS V3/V4)
ssda903|1016|error|implemented|OC3 information is given for a 17- or 18-year-old who ceased to be looked after on or after the last birthday
ssda903|3001|error|implemented|OC3 ACCOM is Z1/Z2 (with former foster carers) for a young person who turned 17 this year
ssda903|EPI|warning|implemented|a child in the Header has no episodes (a warning: OC3 care leavers are not read)
ssda903|INT01|error|implemented|a child in the AD1 table is not in the Header
ssda903|INT02|error|implemented|a child in the PlacedAdoption table is not in the Header
ssda903|INT03|error|implemented|a child with episodes is not in the Header
ssda903|INT04|error|implemented|a child in the Missing table is not in the Header
ssda903|INT05|error|implemented|a child in the OC2 table is not in the Header
ssda903|INT06|error|implemented|a child in the OC3 table is not in the Header
ssda903|INT07|error|implemented|a child in the PrevPerm table is not in the Header
ssda903|INT08|error|implemented|a child in the Reviews table is not in the Header
ssda903|INT09|error|implemented|a child in the UASC table is not in the Header
ssda903|INT11|error|implemented|DOB in the AD1 table differs from the child's date of birth in the Header
ssda903|INT12|error|implemented|DOB in the PlacedAdoption table differs from the child's date of birth in the Header
ssda903|INT13|error|implemented|DOB in the Missing table differs from the child's date of birth in the Header
ssda903|INT14|error|implemented|DOB in the OC2 table differs from the child's date of birth in the Header
ssda903|INT15|error|implemented|DOB in the OC3 table differs from the child's date of birth in the Header
ssda903|INT16|error|implemented|DOB in the PrevPerm table differs from the child's date of birth in the Header
ssda903|INT17|error|implemented|DOB in the Reviews table differs from the child's date of birth in the Header
ssda903|INT18|error|implemented|DOB in the UASC table differs from the child's date of birth in the Header
ssda903|INT21|error|implemented|SEX in the UASC table differs from SEX in the Header
ssda903|INT31|error|implemented|a child has more than one row in the AD1 table
ssda903|INT32|error|implemented|a child appears more than once in the Header
ssda903|INT33|error|implemented|a child has more than one row in the OC2 table
ssda903|INT34|error|implemented|a child has more than one row in the OC3 table
ssda903|INT35|error|implemented|a child has more than one row in the PrevPerm table
ssda903|INT36|error|implemented|a child has more than one row in the UASC table
ssda903|NoE|error|needs-previous-year|an episode starting before the year for a child with no episodes last year (checked with --ssda903-previous)
ssda903|SW01aSTG1|error|implemented|a social worker episode has no valid start date SW_DECOM, or starts before 1 April 2023 without SW_ID
ssda903|SW01bSTG1|error|implemented|a social worker episode has no valid start date SW_DECOM, or starts on or after 1 April 2023 without SW_ID or SW_REASON
ssda903|SW02STG1|error|implemented|the social worker ID SW_ID does not begin with SW or XX
ssda903|SW04STG1|error|implemented|the start of a social worker episode SW_DECOM is given but is not a valid date
ssda903|SW05STG1|error|implemented|the end of a social worker episode SW_DEC is given but is not a valid date
ssda903|SW06STG2|error|implemented|a social worker episode starts after the end of the collection year
ssda903|SW07STG2|error|implemented|a social worker episode ends before 1 April of the year before the collection year or after its end
ssda903|SW08STG2|error|implemented|a social worker episode has no end date although a later one for the child has started
ssda903|SW09STG2|error|implemented|a social worker episode starts and ends on the same day
ssda903|SW10STG2|error|implemented|a social worker episode starts more than 7 days before or after the end of the child's previous one (unless SW_REASON is FCONTA)
ssda903|SW11bSTG2|error|implemented|a social worker episode ends in the last 5 days before 31 March and no later one is given for the child
ssda903|SW12STG2|error|implemented|an episode of care starting or ending care, or open on 31 March, has no social worker episode covering it
ssda903|SW13STG1|error|implemented|SW_REASON is not a valid reason for a change of social worker, or is missing for an episode starting on or after 1 April 2023
cin|100|error|implemented|ReferenceDate is missing or is not 31 March of the collection Year
cin|1103|error|implemented|an assessment starts before the referral
cin|1104|error|implemented|the initial conference is before the referral
cin|1105|error|implemented|a CP plan starts before the referral
cin|1510|error|implemented|UPN has the wrong check letter
cin|1520|error|implemented|the same UPN for two children
cin|1530|error|implemented|UPN characters 2 to 4 are not a recognised local-authority code
cin|1540|error|implemented|UPN characters 5-12 are not all digits
cin|1550|error|implemented|UPN character 13 is not a digit or a letter other than I, O, S
cin|1560Q|warning|implemented|FormerUPN is not a letter and 12 digits
cin|1570|error|implemented|LAchildID longer than 20 characters
cin|1580|error|implemented|LAchildID has characters other than letters and digits
cin|2883|error|implemented|more CP plans start in the census year than initial conferences are held in it (per census file)
cin|2884|error|implemented|the initial conference is recorded both on the CIN episode and on a section 47 enquiry
cin|2885|error|implemented|a CP plan in the census year does not start on the day of an initial conference of its CIN episode (section 47 or, without one, the episode's)
cin|2886Q|warning|implemented|more than 2 % of the children in the return have no sex recorded (blank or U), unborn children left out (reported on the file)
cin|2887Q|warning|implemented|7 or fewer different disability codes (other than NONE) are used in the return (reported on the file)
cin|2888Q|warning|implemented|no child with a disability has more than one recorded (reported on the file)
cin|2889|error|implemented|a section 47 enquiry starts before the referral
cin|2990|error|implemented|a section 47, CP plan, CIN plan or conference on a case closed after assessment (RC8/RC9)
cin|2991Q|warning|implemented|a section 47 enquiry on a CIN episode with no assessment
cin|4000|error|implemented|a CIN plan on a referral with no further action
cin|4001|error|implemented|an open CIN plan and an open CP plan in the same CIN episode
cin|4003|error|implemented|a CP plan review falls within a CIN plan (as the DfE states it: ended plans; not on the CP plan end date)
cin|4004|error|implemented|more than one open CIN plan
cin|4008|error|implemented|a CIN plan starts after the child's date of death
cin|4009Q|warning|implemented|a CIN plan ends after the child's date of death
cin|4010|error|implemented|CINPlanStartDate missing or after the census period
cin|4011|error|implemented|CINPlanEndDate before CINPlanStartDate
cin|4012Q|warning|implemented|a CIN plan starts and ends on the same day
cin|4013|error|implemented|CINPlanEndDate outside the census year
cin|4014|error|implemented|CIN plans overlap
cin|4015|error|implemented|a CIN plan starts before the referral
cin|4016|error|implemented|a CIN plan starts while a CP plan is open
cin|4017|error|implemented|a CP plan starts while a CIN plan is open
cin|4180|error|implemented|Sex missing or not M, F or U (GenderCurrent before 2024/25)
cin|4220|error|implemented|Ethnicity not a DfE code
cin|8500|error|implemented|LAchildID missing
cin|8510|error|implemented|LAchildID twice in one file
cin|8520|error|implemented|PersonBirthDate after the census period
cin|8525Q|warning|implemented|both PersonBirthDate and ExpectedPersonBirthDate
cin|8530Q|warning|implemented|ExpectedPersonBirthDate not between 30 days before and 9 months after the census date
cin|8535Q|warning|implemented|PersonDeathDate before PersonBirthDate (or no PersonBirthDate)
cin|8540|error|implemented|Disability missing or not valid for a child with a referral going on to further action
cin|8545Q|warning|implemented|PersonDeathDate outside the census year
cin|8555Q|warning|implemented|a referral after the child's date of death
cin|8565|error|implemented|activity dated after the case closed
cin|8568|error|implemented|ReferralNFA missing or not true/false/0/1
cin|8569Q|warning|implemented|a referral before the census year (and its last working day) marked no further action
cin|8585Q|warning|implemented|closure reason died (RC2) without a PersonDeathDate
cin|8590|error|implemented|a child has no CINdetails (no CIN episode recorded)
cin|8600|error|implemented|CINreferralDate missing or after the census period
cin|8606|error|implemented|CINreferralDate more than 40 weeks before the (expected) date of birth
cin|8608|error|implemented|an assessment starts after its authorisation
cin|8610|error|implemented|PrimaryNeedCode missing on a referral that led to further action
cin|8614|error|implemented|AssessmentFactors on an assessment that is not completed
cin|8615|error|implemented|a section 47 enquiry starts after its initial conference (or has no start)
cin|8620|error|implemented|CINclosureDate outside the census year
cin|8630|error|implemented|CINclosureDate before CINreferralDate
cin|8640|error|implemented|ReasonForClosure not a valid code
cin|8650|error|implemented|PrimaryNeedCode given but not a valid code
cin|8670Q|warning|implemented|an assessment not completed that started more than 45 working days before the census date
cin|8675Q|warning|implemented|a section 47 enquiry with no conference (and one required) started more than 15 working days before the census date
cin|8696|error|implemented|AssessmentAuthorisationDate outside the census year
cin|8715|error|implemented|the section 47 initial conference outside the census year
cin|8720|error|implemented|CPPstartDate missing or after the census period
cin|8730|error|implemented|NumberOfPreviousCPP missing
cin|8736|error|implemented|an assessment not completed that starts outside the census year
cin|8740|error|implemented|a section 47 enquiry with no conference (and one required) that starts outside the census year
cin|8750|error|implemented|an unborn child whose Sex is not U
cin|8770Q|warning|implemented|no UPN and no reason (or UN1) for a child of school age
cin|8772|error|implemented|UPNunknown UN7 (NFA referral) but a referral went on to further action
cin|8775Q|warning|implemented|a child over 25 with a CIN episode open after the 25th birthday
cin|8790|error|implemented|Disability NONE together with other disabilities
cin|8794|error|implemented|a Disability code twice
cin|8805|error|implemented|CINclosureDate without ReasonForClosure
cin|8810|error|implemented|ReasonForClosure without CINclosureDate
cin|8815|error|implemented|more than one open CIN episode
cin|8816|error|implemented|an open CIN episode that is not the latest
cin|8820|error|implemented|CIN episodes overlap
cin|8825Q|warning|implemented|closed after assessment (RC8/RC9) with no assessment
cin|8831|error|implemented|an assessment, section 47 or conference on a referral with no further action
cin|8832|error|implemented|a CP plan on a referral with no further action
cin|8839|error|implemented|more than one open section 47 enquiry in a CIN episode
cin|8840|error|implemented|a CP plan starts and ends on the same day
cin|8841|error|implemented|CPPreviewDate on or before CPPstartDate
cin|8842Q|warning|implemented|a Reviews group of a CP plan without a CPPreviewDate
cin|8863Q|warning|implemented|an assessment starts before the previous one was authorised
cin|8866|error|implemented|ReferralSource missing or not a valid code
cin|8867|error|implemented|a closed CIN episode with an assessment not completed
cin|8868|error|implemented|a closed CIN episode whose section 47 has neither a conference nor ICPCnotRequired (or both)
cin|8869|error|implemented|factor 21 (none) with other factors
cin|8870Q|warning|implemented|InitialCPCtarget on a Saturday or Sunday
cin|8873Q|warning|implemented|a closed episode whose only assessment found no factors (21) but the reason for closure is not RC8/RC9
cin|8875|error|implemented|the initial conference (section 47) on a Saturday or Sunday
cin|8890|error|implemented|a section 47 enquiry starts while another in the same CIN episode is going on
cin|8896|error|implemented|more than one open assessment
cin|8897Q|warning|implemented|an authorised assessment without factors
cin|8898|error|implemented|an assessment factor twice
cin|8905|error|implemented|InitialCategoryOfAbuse missing or not valid
cin|8910|error|implemented|LatestCategoryOfAbuse missing or not valid
cin|8915|error|implemented|a CP plan starts after the child's date of death
cin|8920|error|implemented|a CP plan ends after the child's date of death
cin|8925|error|implemented|CPPendDate before CPPstartDate
cin|8930|error|implemented|CPPendDate outside the census year
cin|8935|error|implemented|more than one open CP plan
cin|8940|error|implemented|CP plans overlap
cin|8945Q|warning|implemented|assessment factor 18A (use 18B or 18C)
cin|8950Q|warning|implemented|assessment factor 19A (use 19B or 19C)
evident|EV02|error|implemented|CHILD is blank
evident|EV03|error|implemented|CHILD is longer than 20 characters
evident|EV04|warning|implemented|CHILD has characters other than letters and digits
evident|EV05|warning|implemented|the CIN ReferenceDate is not a real date
evident|EV07|error|implemented|another CIN date is missing or not a real date
evident|EV09|error|implemented|a code is longer than 16 characters
evident|EV11|warning|implemented|CIN and 903 dates of birth differ (not linked)
evident|EV12|error|implemented|AssessmentFactors is not a code of the CIN census code set
evident|EV20|error|implemented|the XML is not well-formed
evident|EV21|error|implemented|unknown XML root element
evident|EV22|warning|implemented|a CSV with a CHILD column that is none of the SSDA903 tables (its columns are not recognised)
evident|EV23|error|implemented|file not recognised
evident|EV24|error|implemented|a flattened CIN row with no parent row
evident|EV25|error|implemented|empty file
evident|EV26|error|implemented|wrong number of cells
evident|EV27|error|implemented|a file given under the wrong convert flag
evident|EV999|warning|implemented|more problems than the limit (the rest not listed)
`;

/** Every DfE 2024/25 SSDA903 and CIN census rule, with Evident's own codes (what `evident rules` lists). */
export const STATUTORY_RULES: readonly StatutoryRule[] = ROWS.trim()
  .split("\n")
  .map((line) => {
    const [ret, code, severity, status, description] = line.split("|") as [StatutoryRule["return"], string, StatutoryRule["severity"], TRuleStatus, string];
    return { code, return: ret, severity, status, description };
  });

/** Counts by return and status (the totals in docs/statutory.md). */
export function ruleCatalogueCounts(rules: readonly StatutoryRule[] = STATUTORY_RULES): Record<string, Record<TRuleStatus | "total", number>> {
  const out: Record<string, Record<TRuleStatus | "total", number>> = {};
  for (const r of rules) {
    const row = (out[r.return] ??= { total: 0, implemented: 0, "needs-previous-year": 0, "needs-reference-data": 0, "table-not-read": 0, "la-level": 0, "not-implemented": 0 });
    row[r.status]++;
    row.total++;
  }
  return out;
}
