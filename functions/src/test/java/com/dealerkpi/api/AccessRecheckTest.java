package com.dealerkpi.api;

import com.dealerkpi.app.Stores;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.support.Caller;
import com.dealerkpi.support.Reply;
import com.dealerkpi.support.SwappedStores;
import com.dealerkpi.support.TestApi;
import com.dealerkpi.support.TestBackend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group's managers are let in on one read of the dealership's profile and the report is built on another: a move
 * to another group landing between the two must not show the old group's managers the new group's name and targets.
 */
class AccessRecheckTest {
    private static final Caller NATIONAL = Caller.national();
    private static final Caller ARNOLD = Caller.groupManager("Arnold Clark");

    /** While armed: once MOV's group has been read (the access check), its profile reads answer as moved to Lookers. */
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicBoolean moved = new AtomicBoolean();

    @Test
    void aDealershipMovedOutOfTheGroupBetweenTheAccessCheckAndTheReportIsRefused() {
        TestApi api = new TestApi(TestBackend.current(), moving(TestBackend.current().fresh(Clock.systemUTC())), Clock.systemUTC());
        assertEquals(201, api.putJson(NATIONAL, "/dealerships/MOV/profile", "{\"group\":\"Arnold Clark\"}").status());
        assertEquals(200, api.putJson(NATIONAL, "/targets/groups/Lookers", "{\"soldRate\":0.9}").status());
        assertEquals(201, api.postJson(NATIONAL, "/dealerships/MOV/agreements/A1/status",
                "{\"status\":\"Sold\",\"occurredAt\":\"2026-03-02T10:00:00Z\"}").status());
        assertEquals(200, api.get(ARNOLD, "/dealerships/MOV/kpi").status(), "in the group, before the move");

        for (String path : List.of("/dealerships/MOV/kpi", "/dealerships/MOV/kpi?format=csv", "/dealerships/MOV/kpi/cohorts",
                "/dealerships/MOV/kpi/sold/agreements", "/dealerships/MOV/usage")) {
            armed.set(true);
            Reply reply = api.get(ARNOLD, path);
            armed.set(false);
            assertTrue(moved.getAndSet(false), "the move landed between the check and the report");
            assertEquals(403, reply.status(), path + " -> " + reply);
            assertFalse(reply.body().contains("Lookers"), path + " -> " + reply);
        }
    }

    private Stores moving(Stores stores) {
        SettingsStore settings = stores.settings();
        SettingsStore moving = (SettingsStore) Proxy.newProxyInstance(SettingsStore.class.getClassLoader(),
                new Class<?>[]{SettingsStore.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(settings, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("groupOf") && "MOV".equals(args[0]) && armed.get()) {
                        moved.set(true);
                    }
                    if (method.getName().equals("profile") && "MOV".equals(args[0]) && armed.get() && moved.get()) {
                        @SuppressWarnings("unchecked") Optional<SettingsStore.Versioned<Profile>> read =
                                (Optional<SettingsStore.Versioned<Profile>>) answer;
                        return read.map(v -> new SettingsStore.Versioned<>(movedToLookers(v.value()), v.version() + 1, v.history()));
                    }
                    return answer;
                });
        return SwappedStores.withSettings(stores, moving);
    }

    private static Profile movedToLookers(Profile p) {
        return new Profile(p.dealershipId(), p.name(), p.region(), p.brand(), "Lookers", p.timezone(), p.databaseSize(), p.goLiveDate());
    }
}
