package com.dealerkpi.domain.counts;

/**
 * What a month's register of one agreement's stage holds: the milestone version it was written at, and the local
 * day of the month the milestone falls on (0: none in this month, a tombstone that keeps older versions out).
 */
public record Register(long version, int day) {

    public static Register tombstone(long version) {
        return new Register(version, 0);
    }

    public boolean counts() {
        return day != 0;
    }

    /** As stored: {@code 7|05}. */
    public String format() {
        return version + "|" + (day < 10 ? "0" : "") + day;
    }

    public static Register parse(String text) {
        int bar = text.indexOf('|');
        return new Register(Long.parseLong(text.substring(0, bar)), Integer.parseInt(text.substring(bar + 1)));
    }
}
