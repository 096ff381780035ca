package com.dealerkpi.app.common;

/** A change lost every optimistic attempt to others changing the same thing at the same moment (409, retry). */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String what) {
        super(what + " was changed by someone else at the same moment, several times over; nothing of this request "
                + "was applied. Read it again and retry.");
    }
}
