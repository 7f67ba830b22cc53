/**
 * Small-number protection for every aggregate the research workspace shows or exports.
 *
 * Primary suppression hides each count from 1 to 4 ("<5"). Complementary (secondary)
 * suppression then hides further counts ("—") so the hidden ones cannot be worked out from the
 * totals that are shown. Counts are linked by relations — a total and the counts it adds up —
 * and two rules are applied until neither finds anything to fix:
 *
 * 1. No relation may have exactly one hidden member: it would equal the total minus the others
 *    (or, for a hidden total, the sum of the parts). The fix hides the smallest non-zero count
 *    still shown in that relation, preferring one that also completes another relation.
 * 2. Bounds reasoning must not pin a "<5" to one value. Someone who knows that "<5" means 1–4
 *    and "—" means 0 or at least 5 can narrow hidden values relation by relation: row [1, 1, 10]
 *    with total 12 hides both 1s, yet they must add up to 2. Bounds are propagated through every
 *    relation to a fixed point; a "<5" left with a single possible value gets a further count
 *    of one of its relations hidden.
 *
 * This is the usual primary-plus-complementary heuristic with an interval audit, not an exact
 * linear-programming audit: a patient attacker combining many relations at once might still
 * narrow a "<5", and some tables leak by their shape alone (four "<5" cells whose total is "<5"
 * must all be 1). Tables derived from one another (the same counts with and without child
 * codes, or over two periods) are not protected against each other: export one view.
 */
export { isSmallCount, showCount, SMALL_COUNT_MAX, SMALL_COUNT_MIN, SmallNumbersInputError } from './counts';
export type { ProtectedCount, Relation, RelationKind } from './counts';
export { protectLinked } from './protect';
export { protectList, protectTable, sumTotals, TableProblem } from './table';
export type { ProtectedTable, TableTotals } from './table';
