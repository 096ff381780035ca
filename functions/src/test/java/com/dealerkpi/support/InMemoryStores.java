package com.dealerkpi.support;

import com.dealerkpi.app.Stores;
import com.dealerkpi.app.counts.CountsStore;
import com.dealerkpi.app.report.ReportStore;
import com.dealerkpi.app.settings.SettingsStore;
import com.dealerkpi.app.status.StatusStore;
import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.Bucketing;
import com.dealerkpi.domain.counts.Home;
import com.dealerkpi.domain.counts.MilestoneState;
import com.dealerkpi.domain.counts.MonthCounts;
import com.dealerkpi.domain.counts.MonthRecount;
import com.dealerkpi.domain.counts.MonthSummary;
import com.dealerkpi.domain.counts.UsageDay;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.settings.AuditEntry;
import com.dealerkpi.domain.settings.EffectiveTargets;
import com.dealerkpi.domain.settings.Profile;
import com.dealerkpi.domain.settings.ScopeTargets;
import com.dealerkpi.domain.settings.TargetBook;
import com.dealerkpi.domain.settings.TargetChange;
import com.dealerkpi.domain.settings.TargetScope;
import com.dealerkpi.domain.status.AgreementView;
import com.dealerkpi.domain.status.IdempotencyRecord;
import com.dealerkpi.domain.status.KpiEntry;
import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.RecordedUpdate;
import com.dealerkpi.domain.status.Stage;
import com.dealerkpi.domain.status.Status;
import com.dealerkpi.domain.status.StatusUpdate;
import com.dealerkpi.domain.status.VoidedUpdate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The store ports in memory, for the fast test tier. Each operation is atomic (one lock), as a single-item
 * conditional write is on DynamoDB; the rules are the same ones, and {@code StoresContract} runs the same checks
 * on this fake and on the DynamoDB stores so the two cannot drift apart.
 */
public final class InMemoryStores implements Stores, StatusStore, ReportStore, SettingsStore {
    /** Newest first, then by agreement: a total order, so pages never skip or repeat a row. */
    private static final Comparator<MilestoneRow> NEWEST_FIRST = Comparator.comparing(MilestoneRow::at)
            .thenComparing(MilestoneRow::backfilled, Comparator.reverseOrder())
            .thenComparing(MilestoneRow::agreementId).reversed();

    private record History(StatusUpdate update, List<KpiEntry> kpi, VoidedUpdate voided) {
    }

    private final Map<String, IdempotencyRecord> claims = new HashMap<>();
    private final java.util.Set<String> registry = new java.util.TreeSet<>();
    private final Map<String, Map<String, History>> history = new HashMap<>();
    private final Map<String, Map<Stage, Milestone>> milestones = new HashMap<>();
    private final Map<String, Versioned<Profile>> profiles = new TreeMap<>();
    private final Map<String, Versioned<ScopeTargets>> targets = new HashMap<>();
    private final Counts counts = new Counts();

    @Override
    public StatusStore status() {
        return this;
    }

    @Override
    public ReportStore reports() {
        return this;
    }

    @Override
    public SettingsStore settings() {
        return this;
    }

    @Override
    public CountsStore counts() {
        return counts;
    }


    /** Everything stored, as one comparable value (to prove a refused request changed nothing). */
    public synchronized Object snapshot() {
        Map<String, Object> state = new TreeMap<>();
        state.put("claims", new HashMap<>(claims));
        state.put("registry", new java.util.TreeSet<>(registry));
        Map<String, Object> h = new HashMap<>();
        history.forEach((k, v) -> h.put(k, new HashMap<>(v)));
        state.put("history", h);
        Map<String, Object> m = new HashMap<>();
        milestones.forEach((k, v) -> m.put(k, new HashMap<>(v)));
        state.put("milestones", m);
        state.put("profiles", new HashMap<>(profiles));
        state.put("targets", new HashMap<>(targets));
        return state;
    }

    private static String agreementKey(String dealershipId, String agreementId) {
        return dealershipId + "/" + agreementId;
    }

    private static String historyKey(StatusUpdate u) {
        return u.occurredAt() + "/" + u.eventId();
    }

    // ---- StatusStore

    @Override
    public synchronized Optional<IdempotencyRecord> claimIdempotencyKey(IdempotencyRecord claim) {
        String key = claim.dealershipId() + "/" + claim.key();
        IdempotencyRecord earlier = claims.putIfAbsent(key, claim);
        return earlier == null || earlier.update().eventId().equals(claim.update().eventId())
                ? Optional.empty() : Optional.of(earlier);
    }

    @Override
    public synchronized void putHistory(StatusUpdate update) {
        history.computeIfAbsent(agreementKey(update.dealershipId(), update.agreementId()), k -> new HashMap<>())
                .putIfAbsent(historyKey(update), new History(update, null, null));
    }

    @Override
    public synchronized MilestoneWritten writeMilestone(StatusUpdate update, Status.MilestoneMark mark,
                                                        Optional<String> home) {
        return new MilestoneWritten(claim(update, mark), false);
    }

    private Optional<Milestone> claim(StatusUpdate update, Status.MilestoneMark mark) {
        String key = agreementKey(update.dealershipId(), update.agreementId());
        Map<Stage, Milestone> stages = milestones.computeIfAbsent(key, k -> new EnumMap<>(Stage.class));
        Milestone existing = stages.get(mark.stage());
        History own = history.getOrDefault(key, Map.of()).get(historyKey(update));
        if ((own != null && own.voided() != null) || !Milestone.supersedes(update.occurredAt(), mark.backfilled(), existing)) {
            return Optional.ofNullable(existing);
        }
        Milestone written = new Milestone(mark.stage(), update.occurredAt(), mark.backfilled(), update.eventId(),
                existing == null ? null : existing.at());
        stages.put(mark.stage(), written);
        return Optional.of(written);
    }

    @Override
    public synchronized Completion completeHistory(StatusUpdate update, List<KpiEntry> kpi, boolean usageCounted) {
        Map<String, History> items = history.computeIfAbsent(
                agreementKey(update.dealershipId(), update.agreementId()), k -> new HashMap<>());
        History existing = items.get(historyKey(update));
        if (existing == null) {
            throw new IllegalStateException("history item of " + update.eventId() + " is missing");
        }
        if (existing.kpi() != null) {
            return new Completion(new RecordedUpdate(existing.update(), existing.kpi()), false);
        }
        items.put(historyKey(update), new History(existing.update(), List.copyOf(kpi), existing.voided()));
        return new Completion(new RecordedUpdate(update, List.copyOf(kpi)), true);
    }

    @Override
    public synchronized Optional<RecordedUpdate> findCompleted(StatusUpdate update) {
        History item = history.getOrDefault(agreementKey(update.dealershipId(), update.agreementId()), Map.of())
                .get(historyKey(update));
        return item == null || item.kpi() == null ? Optional.empty() : Optional.of(new RecordedUpdate(item.update(), item.kpi()));
    }

    @Override
    public synchronized Optional<AgreementView> findAgreement(String dealershipId, String agreementId) {
        String key = agreementKey(dealershipId, agreementId);
        List<StatusUpdate> counting = new ArrayList<>();
        List<VoidedUpdate> voided = new ArrayList<>();
        for (History item : history.getOrDefault(key, Map.of()).values()) {
            if (item.voided() == null) {
                counting.add(item.update());
            } else {
                voided.add(item.voided());
            }
        }
        counting.sort(AgreementView.CHRONOLOGICAL);
        voided.sort((a, b) -> AgreementView.CHRONOLOGICAL.compare(a.update(), b.update()));
        Map<Stage, Milestone> reached = new EnumMap<>(Stage.class);
        reached.putAll(milestones.getOrDefault(key, Map.of()));
        AgreementView view = new AgreementView(dealershipId, agreementId, List.copyOf(counting), List.copyOf(voided), reached);
        return view.isEmpty() ? Optional.empty() : Optional.of(view);
    }

    @Override
    public synchronized Optional<AgreementView> voidUpdate(String dealershipId, String agreementId, String eventId,
                                                           VoidedBy by, Function<Instant, Optional<String>> homeOf) {
        String key = agreementKey(dealershipId, agreementId);
        Map<String, History> items = history.getOrDefault(key, Map.of());
        Map.Entry<String, History> event = items.entrySet().stream()
                .filter(e -> e.getValue().update().eventId().equals(eventId)).findFirst().orElse(null);
        if (event == null) {
            return Optional.empty();
        }
        History item = event.getValue();
        if (item.voided() == null) {
            items.put(event.getKey(), new History(item.update(), item.kpi(), by.of(item.update())));
            List<StatusUpdate> counting = items.values().stream().filter(h -> h.voided() == null).map(History::update).toList();
            Map<Stage, Milestone> stages = milestones.computeIfAbsent(key, k -> new EnumMap<>(Stage.class));
            for (Status.MilestoneMark mark : item.update().marks()) {
                Milestone.earliest(mark.stage(), counting).ifPresentOrElse(m -> stages.put(mark.stage(), m),
                        () -> stages.remove(mark.stage()));
            }
        }
        return findAgreement(dealershipId, agreementId);
    }

    @Override
    public synchronized boolean registerDealership(String dealershipId) {
        registry.add(dealershipId);
        return true; // every dealership here was registered by this version
    }

    // ---- ReportStore

    private synchronized List<MilestoneRow> rows(String dealershipId, Stage stage) {
        List<MilestoneRow> rows = new ArrayList<>();
        String prefix = dealershipId + "/";
        milestones.forEach((key, stages) -> {
            Milestone m = stages.get(stage);
            if (key.startsWith(prefix) && m != null) {
                rows.add(new MilestoneRow(key.substring(prefix.length()), m.at(), m.backfilled()));
            }
        });
        return rows;
    }

    @Override
    public long[] countMilestones(String dealershipId, Stage stage, List<Instant> boundaries) {
        long[] counts = new long[boundaries.size() - 1];
        for (MilestoneRow row : rows(dealershipId, stage)) {
            int found = Collections.binarySearch(boundaries, row.at());
            int bucket = found >= 0 ? found : -found - 2;
            if (bucket >= 0 && bucket < counts.length) {
                counts[bucket]++;
            }
        }
        return counts;
    }

    @Override
    public Optional<Instant> firstActivity(String dealershipId) {
        List<Instant> moments = new ArrayList<>();
        activity(dealershipId, Instant.MIN, Instant.MAX, a -> moments.add(a.at()));
        return moments.stream().min(Comparator.naturalOrder());
    }

    @Override
    public MilestonePage milestones(String dealershipId, Stage stage, Instant start, Instant end, int limit,
                                    Optional<MilestoneRow> after) {
        List<MilestoneRow> rows = new ArrayList<>(rows(dealershipId, stage).stream()
                .filter(r -> !r.at().isBefore(start) && r.at().isBefore(end))
                .filter(r -> after.isEmpty() || NEWEST_FIRST.compare(r, after.get()) > 0)
                .toList());
        rows.sort(NEWEST_FIRST);
        List<MilestoneRow> page = List.copyOf(rows.subList(0, Math.min(limit, rows.size())));
        return new MilestonePage(page, rows.size() > limit ? Optional.of(page.get(limit - 1)) : Optional.empty());
    }

    @Override
    public void milestoneRows(String dealershipId, Stage stage, Instant start, Instant end, Consumer<MilestoneRow> sink) {
        rows(dealershipId, stage).stream().filter(r -> !r.at().isBefore(start) && r.at().isBefore(end)).forEach(sink);
    }

    @Override
    public synchronized Map<String, Map<Stage, Instant>> milestoneMoments(String dealershipId, List<String> agreementIds) {
        if (agreementIds.size() > MOMENTS_PER_READ) {
            throw new IllegalArgumentException("at most " + MOMENTS_PER_READ + " agreements per read");
        }
        Map<String, Map<Stage, Instant>> moments = new HashMap<>();
        for (String agreementId : agreementIds) {
            Map<Stage, Milestone> stages = milestones.get(dealershipId + "/" + agreementId);
            if (stages != null && !stages.isEmpty()) {
                Map<Stage, Instant> at = new EnumMap<>(Stage.class);
                stages.forEach((stage, milestone) -> at.put(stage, milestone.at()));
                moments.put(agreementId, at);
            }
        }
        return moments;
    }

    @Override
    public synchronized boolean isRegistered(String dealershipId) {
        return registry.contains(dealershipId);
    }

    @Override
    public synchronized List<String> registeredDealerships() {
        return List.copyOf(registry);
    }

    @Override
    public void activity(String dealershipId, Instant start, Instant end, Consumer<Activity> sink) {
        List<StatusUpdate> updates = new ArrayList<>();
        synchronized (this) {
            history.forEach((key, items) -> {
                if (key.startsWith(dealershipId + "/")) {
                    items.values().stream().filter(h -> h.voided() == null).forEach(h -> updates.add(h.update()));
                }
            });
        }
        updates.stream().filter(u -> !u.occurredAt().isBefore(start) && u.occurredAt().isBefore(end))
                .sorted(AgreementView.CHRONOLOGICAL)
                .forEach(u -> sink.accept(new Activity(u.occurredAt(), u.status().name(), u.userId())));
    }

    // ---- SettingsStore

    @Override
    public synchronized Optional<String> groupOf(String dealershipId) {
        return Optional.ofNullable(profiles.get(dealershipId)).map(stored -> stored.value().group());
    }

    @Override
    public synchronized Optional<Versioned<Profile>> profile(String dealershipId) {
        return Optional.ofNullable(profiles.get(dealershipId));
    }

    @Override
    public synchronized boolean saveProfile(Profile before, Profile profile, long expectedVersion, AuditEntry change) {
        Versioned<Profile> current = profiles.get(profile.dealershipId());
        if ((current == null ? 0 : current.version()) != expectedVersion) {
            return false;
        }
        profiles.put(profile.dealershipId(), new Versioned<>(profile, expectedVersion + 1, appended(current, change)));
        return true;
    }

    @Override
    public synchronized List<Profile> allProfiles() {
        return profiles.values().stream().map(Versioned::value).toList();
    }

    @Override
    public List<Profile> profilesInRegion(String region) {
        return allProfiles().stream().filter(p -> p.region() != null
                && TargetScope.matchKey(p.region()).equals(TargetScope.matchKey(region))).toList();
    }

    @Override
    public List<Profile> profilesOfBrand(String brand) {
        return allProfiles().stream().filter(p -> p.brand() != null
                && TargetScope.matchKey(p.brand()).equals(TargetScope.matchKey(brand))).toList();
    }

    @Override
    public List<Profile> profilesInGroup(String group) {
        return allProfiles().stream().filter(p -> p.inGroup(group)).toList();
    }

    /** Scopes are matched on the profiles themselves here: nothing to index or copy. */
    @Override
    public Map<String, Bucketing> maintainProfiles(com.dealerkpi.app.counts.Sweep.Upkeep upkeep, java.util.function.Consumer<RuntimeException> failed) {
        Map<String, Bucketing> bucketings = new HashMap<>();
        allProfiles().forEach(profile -> bucketings.put(profile.dealershipId(), Bucketing.of(profile)));
        return bucketings;
    }

    @Override
    public synchronized Optional<Versioned<ScopeTargets>> targets(TargetScope scope) {
        return Optional.ofNullable(targets.get(scope.key()));
    }

    @Override
    public synchronized boolean appendTargetChange(TargetScope scope, TargetChange change, long expectedVersion) {
        Versioned<ScopeTargets> current = targets.get(scope.key());
        if ((current == null ? 0 : current.version()) != expectedVersion) {
            return false;
        }
        ScopeTargets before = current == null ? ScopeTargets.none() : current.value();
        targets.put(scope.key(), new Versioned<>(before.plus(change), expectedVersion + 1, List.of()));
        return true;
    }

    @Override
    public synchronized List<EffectiveTargets.Layer> targetLayers(Profile profile) {
        return allTargets().layersFor(profile);
    }

    @Override
    public synchronized TargetBook allTargets() {
        Map<String, ScopeTargets> byScopeKey = new HashMap<>();
        targets.forEach((key, stored) -> byScopeKey.put(key, stored.value()));
        return new TargetBook(byScopeKey);
    }

    private static <T> List<AuditEntry> appended(Versioned<T> current, AuditEntry change) {
        List<AuditEntry> entries = new ArrayList<>(current == null ? List.of() : current.history());
        entries.add(change);
        return List.copyOf(entries);
    }

    /**
     * The aggregates in memory: configs as stored, counts derived from the milestones in the config's zone (every
     * write is published at once, nothing is ever flagged). The protocol that keeps real aggregates exact is tested on
     * the DynamoDB stores; this fake lets the layers above it run against the same answers.
     */
    private final class Counts implements CountsStore {
        private final Map<String, AggregateConfig> configs = new HashMap<>();
        private Instant lastSweep;
        private Instant formatSince;
        private Verification lastVerification;
        /** How far each build has got, by dealership and generation. */
        private final Map<String, BuildProgress> builtThrough = new HashMap<>();

        @Override
        public Optional<AggregateConfig> config(String dealershipId) {
            synchronized (InMemoryStores.this) {
                return Optional.ofNullable(configs.get(dealershipId));
            }
        }

        @Override
        public Map<String, AggregateConfig> configs(List<String> dealershipIds) {
            synchronized (InMemoryStores.this) {
                Map<String, AggregateConfig> found = new HashMap<>();
                dealershipIds.stream().filter(configs::containsKey).forEach(id -> found.put(id, configs.get(id)));
                return found;
            }
        }

        @Override
        public boolean replaceConfig(String dealershipId, AggregateConfig current, AggregateConfig next) {
            synchronized (InMemoryStores.this) {
                AggregateConfig stored = configs.get(dealershipId);
                if (stored == null || stored.generation() != current.generation()) {
                    return false;
                }
                configs.put(dealershipId, next);
                return true;
            }
        }

        @Override
        public Optional<AggregateConfig> createConfig(String dealershipId, AggregateConfig config) {
            synchronized (InMemoryStores.this) {
                return Optional.of(configs.computeIfAbsent(dealershipId, d -> config));
            }
        }

        @Override
        public void markReady(String dealershipId, long generation) {
            synchronized (InMemoryStores.this) {
                configs.computeIfPresent(dealershipId, (d, c) -> c.generation() == generation
                        ? new AggregateConfig(generation, c.zone(), c.group(), true, c.since(), c.format()) : c);
            }
        }

        @Override
        public List<String> building() {
            synchronized (InMemoryStores.this) {
                return configs.entrySet().stream().filter(e -> !e.getValue().ready()).map(Map.Entry::getKey).toList();
            }
        }

        @Override
        public Instant formatSince(Instant now) {
            synchronized (InMemoryStores.this) {
                if (formatSince == null) {
                    formatSince = now;
                }
                return formatSince;
            }
        }

        @Override
        public void forgetFormatSince() {
            synchronized (InMemoryStores.this) {
                formatSince = null;
            }
        }

        /** The months here are the milestones: stamping the format is all there is to do. */
        @Override
        public boolean summarizeInPlace(String dealershipId, AggregateConfig config) {
            synchronized (InMemoryStores.this) {
                if (!config.equals(configs.get(dealershipId)) || !config.outdated()) {
                    return false;
                }
                configs.put(dealershipId, new AggregateConfig(config.generation(), config.zone(), config.group(), true,
                        config.since(), AggregateConfig.CURRENT_FORMAT));
                return true;
            }
        }

        @Override
        public void forgetListings() {
            // the listings here are the configs, and there is one layout
        }

        @Override
        public void clearListingsForgotten() {
        }

        @Override
        public Map<String, com.dealerkpi.domain.counts.NetworkListing> layoutListings() {
            return networkListings(Optional.empty());
        }

        @Override
        public void listAsBuilding(String dealershipId) {
            // the list here is every config that is not ready
        }

        @Override
        public BuildProgress buildProgress(String dealershipId, long generation) {
            synchronized (InMemoryStores.this) {
                return builtThrough.getOrDefault(dealershipId + "#" + generation, BuildProgress.NONE);
            }
        }

        @Override
        public void recordBuildProgress(String dealershipId, long generation, BuildProgress progress) {
            synchronized (InMemoryStores.this) {
                builtThrough.put(dealershipId + "#" + generation, progress);
            }
        }

        @Override
        public MonthSummary publish(String dealershipId, Home home, MonthCounts.Wanted wanted) {
            throw new UnsupportedOperationException("nothing is flagged in memory");
        }

        @Override
        public void copyToNetwork(String dealershipId, AggregateConfig config, Home home, MonthSummary month) {
            throw new UnsupportedOperationException("nothing is flagged in memory");
        }

        @Override
        public void summarize(String dealershipId, Home home, MonthSummary month) {
            throw new UnsupportedOperationException("nothing is flagged in memory");
        }

        @Override
        public void list(String dealershipId, AggregateConfig config) {
            // the listings here are the configs
        }

        /** Every dealership's config listed (a group's share: those whose config is bucketed in the group). */
        @Override
        public Map<String, com.dealerkpi.domain.counts.NetworkListing> networkListings(Optional<String> group) {
            Map<String, com.dealerkpi.domain.counts.NetworkListing> listings = new HashMap<>();
            inShare(group).forEach((dealershipId, config) ->
                    listings.put(dealershipId, com.dealerkpi.domain.counts.NetworkListing.of(config)));
            return listings;
        }

        /** Every dealership's counts copied at version 0 of its generation. */
        @Override
        public NetworkCopies networkCopies(Optional<String> group, List<YearMonth> months) {
            Map<YearMonth, Map<String, String>> copies = new HashMap<>();
            months.forEach(month -> copies.put(month, new HashMap<>()));
            inShare(group).forEach((dealershipId, config) -> copies(dealershipId, config, months).months()
                    .forEach((month, copy) -> copies.get(month).put(dealershipId, copy.format())));
            return new NetworkCopies(0, copies);
        }

        /** The listings here are the configs, read as they are: they need no version. */
        @Override
        public long listingsVersion() {
            return 0;
        }

        private Map<String, AggregateConfig> inShare(Optional<String> group) {
            Map<String, AggregateConfig> all = new HashMap<>();
            synchronized (InMemoryStores.this) {
                configs.forEach((dealershipId, config) -> {
                    if (group.isEmpty() || group.get().equals(config.group())) {
                        all.put(dealershipId, config);
                    }
                });
            }
            return all;
        }

        @Override
        public Copies copies(String dealershipId, AggregateConfig current, List<YearMonth> months) {
            Optional<AggregateConfig> config = config(dealershipId);
            Map<YearMonth, com.dealerkpi.domain.counts.NetworkRegister> copies = new HashMap<>();
            config.ifPresent(c -> summaries(dealershipId, c.generation(), months).forEach((month, summary) ->
                    copies.put(month, new com.dealerkpi.domain.counts.NetworkRegister(c.generation(), 0, summary.milestones()))));
            return new Copies(config.map(com.dealerkpi.domain.counts.NetworkListing::of), copies);
        }

        @Override
        public void published(String dealershipId, String agreementId, Stage stage, long version, java.util.Set<String> staleHomes) {
            throw new UnsupportedOperationException("nothing is flagged in memory");
        }

        @Override
        public MilestoneState addHome(String dealershipId, String agreementId, Stage stage, String homeKey) {
            throw new UnsupportedOperationException("every milestone is counted in memory");
        }

        /** Each month as the milestones make it now: counters, cohorts and sales. */
        @Override
        public Map<YearMonth, MonthSummary> summaries(String dealershipId, long generation, List<YearMonth> months) {
            Map<YearMonth, MonthSummary> all = allMonths(dealershipId, generation);
            Map<YearMonth, MonthSummary> read = new java.util.LinkedHashMap<>();
            months.forEach(month -> read.put(month, all.getOrDefault(month, MonthSummary.none())));
            return read;
        }

        @Override
        public Map<YearMonth, MonthSummary> allMonths(String dealershipId, long generation) {
            return MonthRecount.of(everyMilestone(dealershipId), config(dealershipId).orElseThrow().zone());
        }

        @Override
        public Map<String, Map<Stage, Instant>> everyMilestone(String dealershipId) {
            Map<String, Map<Stage, Instant>> agreements = new HashMap<>();
            for (Stage stage : Stage.values()) {
                for (MilestoneRow row : rows(dealershipId, stage)) {
                    agreements.computeIfAbsent(row.agreementId(), id -> new java.util.EnumMap<>(Stage.class)).put(stage, row.at());
                }
            }
            return agreements;
        }

        @Override
        public void agreements(String dealershipId, Instant from, Consumer<Place> sink) {
            rows(dealershipId, Stage.CONTACTED).stream().filter(row -> !row.at().isBefore(from))
                    .forEach(row -> sink.accept(new Place(row.at(), row.agreementId())));
        }

        @Override
        public Agreement agreement(String dealershipId, String agreementId) {
            return new Agreement(List.of(), List.of());
        }

        @Override
        public void countUsage(String dealershipId, long generation, LocalDate day, UsageEvent event) {
            // counted from the history when read
        }

        @Override
        public void usagePublished(String dealershipId, String agreementId, UsageEvent event) {
            // nothing is flagged in memory
        }

        @Override
        public Map<LocalDate, UsageDay> usage(String dealershipId, long generation, LocalDate from, LocalDate to) {
            Map<LocalDate, UsageDay> all = allUsage(dealershipId, generation);
            Map<LocalDate, UsageDay> usage = new TreeMap<>();
            from.datesUntil(to.plusDays(1)).forEach(day -> usage.put(day, all.getOrDefault(day, UsageDay.none())));
            return usage;
        }

        @Override
        public Map<LocalDate, UsageDay> allUsage(String dealershipId, long generation) {
            return recountUsage(dealershipId, config(dealershipId).orElseThrow().zone());
        }

        @Override
        public Optional<LocalDate> firstUsageDay(String dealershipId, long generation) {
            return allUsage(dealershipId, generation).entrySet().stream().filter(day -> day.getValue().total() > 0)
                    .map(Map.Entry::getKey).min(LocalDate::compareTo);
        }

        @Override
        public void events(String dealershipId, Consumer<UsageEvent> sink) {
            activity(dealershipId, Instant.MIN, Instant.MAX, a -> sink.accept(new UsageEvent("-", a.at(), a.status(),
                    a.userId(), true, false)));
        }

        @Override
        public void events(String dealershipId, Place after, Consumer<UsageEvent> sink) {
            events(dealershipId, event -> {
                if (new Place(event.at(), event.eventId()).compareTo(after) > 0) {
                    sink.accept(event);
                }
            });
        }

        @Override
        public Map<LocalDate, UsageDay> recountUsage(String dealershipId, java.time.ZoneId zone) {
            Map<LocalDate, List<UsageEvent>> byDay = new TreeMap<>();
            events(dealershipId, event -> byDay.computeIfAbsent(event.at().atZone(zone).toLocalDate(), d -> new ArrayList<>())
                    .add(event));
            Map<LocalDate, UsageDay> usage = new TreeMap<>();
            byDay.forEach((day, events) -> {
                Map<String, Long> statuses = new HashMap<>();
                Map<String, Long> users = new HashMap<>();
                events.forEach(event -> {
                    statuses.merge(event.status(), 1L, Long::sum);
                    users.merge(event.userId(), 1L, Long::sum);
                });
                usage.put(day, new UsageDay(events.size(), statuses, users));
            });
            return usage;
        }

        @Override
        public List<FlaggedAgreement> flagged(Instant before) {
            return List.of();
        }

        @Override
        public long pending() {
            return 0;
        }

        @Override
        public void recordSweep(Instant at) {
            synchronized (InMemoryStores.this) {
                lastSweep = at;
            }
        }

        /** One layout: the in-memory roll-ups read the months themselves. */
        @Override
        public Layout layout() {
            return new Layout(true, false, false);
        }

        @Override
        public void recordLayout() {
        }

        @Override
        public void recordVerification(Verification verification) {
            synchronized (InMemoryStores.this) {
                lastVerification = verification;
            }
        }

        @Override
        public Status status() {
            synchronized (InMemoryStores.this) {
                return new Status(Optional.ofNullable(lastSweep), Optional.ofNullable(lastVerification));
            }
        }
    }
}
