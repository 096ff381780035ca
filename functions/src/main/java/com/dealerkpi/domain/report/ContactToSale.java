package com.dealerkpi.domain.report;

/**
 * Contacts per sale, as every answer and page shows it: the ratio (2 decimals) and its label ({@code "2.2:1"}, one
 * decimal from the exact quotient), or {@code null} and {@code "n/a"} when there is no ratio to show, with the reason.
 *
 * @param exact the unrounded quotient (what comparisons with a target use), null with the ratio
 * @param note  why the ratio is n/a when there were contacts or sales; null otherwise
 */
public record ContactToSale(Double ratio, String label, Double exact, String note) {

    /**
     * Of a range's counts: none when there are no sales or fewer first contacts than sales (a ratio below 1:1 would
     * read as better than any target while it only means the contacts happened earlier).
     */
    public static ContactToSale of(KpiCounts counts) {
        if (counts.sold() == 0) {
            return none(counts.contacted() == 0 ? null
                    : "Contact-to-sale is n/a: there were contacts but no sales in this range.");
        }
        if (counts.contacted() < counts.sold()) {
            return none("Contact-to-sale is n/a: fewer agreements were first contacted (" + counts.contacted()
                    + ") than sold (" + counts.sold() + ") in this range, because the rest were contacted before it.");
        }
        return of((double) counts.contacted() / counts.sold());
    }

    /** Of an exact ratio (a target's). */
    public static ContactToSale of(double exact) {
        return new ContactToSale(KpiMaths.round(exact, 2), KpiMaths.ratioLabel(exact), exact, null);
    }

    static ContactToSale none(String note) {
        return new ContactToSale(null, "n/a", null, note);
    }

    /**
     * How this ratio stands against a target ratio, as a whole percentage (fewer contacts per sale is better: a
     * ratio at the target is 100, one needing 10% more contacts than the target about 91); null without either.
     */
    public Integer percentOf(ContactToSale target) {
        return exact == null || target.exact == null ? null : KpiMaths.wholePercent(target.exact / exact);
    }
}
