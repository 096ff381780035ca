package com.dealerkpi.api.views;

import com.dealerkpi.domain.Moments;
import com.dealerkpi.domain.status.AgreementView;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.RecordedUpdate;
import com.dealerkpi.domain.status.StatusUpdate;
import com.dealerkpi.domain.status.VoidedUpdate;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of a status update's answer and of an agreement (field names fixed by docs/contract.md). */
public final class AgreementViews {
    private AgreementViews() {
    }

    public static Map<String, Object> recordedUpdate(RecordedUpdate recorded) {
        StatusUpdate u = recorded.update();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", u.eventId());
        body.put("dealershipId", u.dealershipId());
        body.put("agreementId", u.agreementId());
        body.put("status", u.status().name());
        body.put("occurredAt", u.occurredAt().toString());
        body.put("userId", u.userId());
        body.put("kpi", recorded.kpi().stream().map(AgreementViews::kpiEntry).toList());
        return body;
    }

    public static Map<String, Object> agreement(AgreementView view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dealershipId", view.dealershipId());
        body.put("agreementId", view.agreementId());
        body.put("currentStatus", view.currentStatus().map(Enum::name).orElse(null));
        body.put("history", view.history().stream().map(AgreementViews::historyEntry).toList());
        body.put("voided", view.voided().stream().map(AgreementViews::voidedEntry).toList());
        Map<String, Object> milestones = new LinkedHashMap<>();
        for (Milestone m : view.milestones().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", m.at().toString());
            entry.put("backfilled", m.backfilled());
            milestones.put(m.stage().name(), entry);
        }
        body.put("milestones", milestones);
        return body;
    }

    private static Map<String, Object> historyEntry(StatusUpdate u) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("eventId", u.eventId());
        entry.put("status", u.status().name());
        entry.put("occurredAt", u.occurredAt().toString());
        entry.put("userId", u.userId());
        return entry;
    }

    private static Map<String, Object> voidedEntry(VoidedUpdate v) {
        Map<String, Object> entry = historyEntry(v.update());
        entry.put("voidedAt", Moments.answered(v.voidedAt()));
        entry.put("voidedBy", v.voidedBy());
        entry.put("reason", v.reason());
        return entry;
    }

    private static Map<String, Object> kpiEntry(KpiEntry e) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("stage", e.stage().name());
        entry.put("outcome", e.outcome().name());
        entry.put("at", e.at().toString());
        return entry;
    }

}
