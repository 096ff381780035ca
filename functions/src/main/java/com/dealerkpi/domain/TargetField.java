package com.dealerkpi.domain;

/** The four target rates, with their JSON names and the defaults the help page recommends. */
public enum TargetField {
    CONTACT_RATE_PER_MONTH("contactRatePerMonth", 0.03),
    APPOINTED_RATE("appointedRate", 0.70),
    ATTENDED_RATE("attendedRate", 0.90),
    SOLD_RATE("soldRate", 0.80);

    private final String json;
    private final double defaultValue;

    TargetField(String json, double defaultValue) {
        this.json = json;
        this.defaultValue = defaultValue;
    }

    public String json() {
        return json;
    }

    public double defaultValue() {
        return defaultValue;
    }
}
