package com.dealerkpi.domain.report;

/**
 * Contacts per sale, as every answer and page shows it: the ratio (2 decimals) and its label ({@code "2.2:1"}), or
 * {@code null} and {@code "n/a"} when there is no ratio to show.
 */
public record ContactToSale(Double ratio, String label) {
    private static final ContactToSale NONE = new ContactToSale(null, "n/a");

    /**
     * Of a range's counts: none when there are no sales or fewer first contacts than sales (a ratio below 1:1 would
     * read as better than any target while it only means the contacts happened earlier).
     */
    public static ContactToSale of(KpiCounts counts) {
        return counts.sold() == 0 || counts.contacted() < counts.sold() ? NONE
                : of(KpiMaths.ratio(counts.contacted(), counts.sold(), 2));
    }

    /** Of a ratio already computed (a target's); none for none. */
    public static ContactToSale of(Double ratio) {
        return ratio == null ? NONE : new ContactToSale(ratio, KpiMaths.contactToSaleLabel(ratio));
    }
}
