package com.dealerkpi.domain;

/** One problem with one input field, worded for the person who sent it. */
public record FieldError(String field, String message) {
}
