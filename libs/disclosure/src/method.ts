import { SMALLEST_SHOWN_COUNT } from './model';

/** How published figures are protected, in the words every report and export carries. */
export const DISCLOSURE_METHOD = {
  name: 'primary and secondary cell suppression, audited by integer programming',
  description:
    `Counts of 1-${SMALLEST_SHOWN_COUNT - 1} are hidden, and so are complementary cells chosen so that no hidden count can be ` +
    `narrowed to fewer than ${SMALLEST_SHOWN_COUNT} possible values from everything an analyst of the region can read ` +
    '(all reports, margins and totals of a month together). Months are closed before they are published and never change ' +
    'afterwards. Rates, shares and ratios are given only where every count they are made of is shown.',
  smallestShownCount: SMALLEST_SHOWN_COUNT,
} as const;
