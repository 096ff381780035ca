package com.dealerkpi.app.counts;

import com.dealerkpi.domain.counts.AggregateConfig;
import com.dealerkpi.domain.counts.Home;
import com.dealerkpi.domain.counts.MilestoneState;
import com.dealerkpi.domain.counts.MonthCounts;
import com.dealerkpi.domain.counts.MonthSummary;
import com.dealerkpi.domain.counts.NetworkListing;
import com.dealerkpi.domain.counts.NetworkRegister;
import com.dealerkpi.domain.counts.UsageDay;
import com.dealerkpi.domain.counts.UsageEvent;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The pre-aggregated counts of each dealership (docs/aggregates.md): its config, its month items (registers and
 * counters), and the milestones' outbox. Every write is idempotent and only moves registers to higher versions.
 */
public interface CountsStore {

    /** The dealership's aggregate config, read consistently; empty if it has none yet. */
    Optional<AggregateConfig> config(String dealershipId);

    /** The configs of many dealerships (those without one are left out), read consistently. */
    Map<String, AggregateConfig> configs(List<String> dealershipIds);

    /**
     * Stores a config if the dealership has none (else changes nothing); the config that stands, if any. One that is
     * not ready joins {@link #building}.
     */
    Optional<AggregateConfig> createConfig(String dealershipId, AggregateConfig config);

    /**
     * Replaces the dealership's config with {@code next} if it is still {@code current} (else changes nothing); true
     * if it did. A config that is not ready joins {@link #building}. {@code next} is listed first, in its share of
     * the network and in {@code current}'s: roll-ups stop reading the old generation's copies, wherever they are,
     * before its publishers stop keeping them.
     */
    boolean replaceConfig(String dealershipId, AggregateConfig current, AggregateConfig next);

    /** Marks a generation complete, if it is still the dealership's generation; it leaves {@link #building}. */
    void markReady(String dealershipId, long generation);

    /** Dealerships whose aggregates are being built (reports read their milestones meanwhile). */
    List<String> building();

    /** Lists a dealership as {@link #building} (again: a config that is not ready must be). */
    void listAsBuilding(String dealershipId);

    /** How far a build of the generation has got; {@link BuildProgress#NONE} when what is recorded is another's. */
    BuildProgress buildProgress(String dealershipId, long generation);

    /**
     * Records how far the build of the generation has got, so that one cut off (its sweep's time, a failure) goes on
     * after it; nothing when the dealership is built already.
     */
    void recordBuildProgress(String dealershipId, long generation, BuildProgress progress);

    /**
     * How far a build has got: the place of the last agreement of the last batch it counted in full, and then of the
     * last update counted into the usage ({@link Place#format()}).
     */
    record BuildProgress(Optional<String> agreements, Optional<String> events) {
        public static final BuildProgress NONE = new BuildProgress(Optional.empty(), Optional.empty());

        public BuildProgress agreementsThrough(String agreement) {
            return new BuildProgress(Optional.of(agreement), events);
        }

        public BuildProgress eventsThrough(String event) {
            return new BuildProgress(agreements, Optional.of(event));
        }
    }

    /**
     * Brings registers and sale records of one month to at least the wanted versions ({@link MonthCounts#change}),
     * with the counters moved by exactly the registers' difference, whatever else writes the month meanwhile; the
     * month as it stands after (as the write left it, or read when nothing needed writing), summarized.
     */
    MonthSummary publish(String dealershipId, Home home, MonthCounts.Wanted wanted);

    /**
     * Copies a dealership month's counters into the network's month item of the config's share (its group's, or its
     * own), unless it holds them at the same or a later version: what roll-ups read.
     */
    void copyToNetwork(String dealershipId, AggregateConfig config, Home home, MonthSummary month);

    /**
     * Stores a month's summary beside its month item, unless one of the same or a later version is there: what the
     * dealership's reports read.
     */
    void summarize(String dealershipId, Home home, MonthSummary month);

    /**
     * Lists a dealership's config in the network's listing of the config's share, unless it lists the same or a later
     * one.
     */
    void list(String dealershipId, AggregateConfig config);

    /**
     * Every dealership's listing in the network, or in one dealer group's share ({@link com.dealerkpi.domain.Ids#groupKey}):
     * those of every dealership whose current generation is bucketed in the group, and of a few others. Read
     * consistently; of a dealership listed in several shares (it changed groups), its latest listing. None while the
     * network is laid out otherwise than its last sweep recorded.
     */
    Map<String, NetworkListing> networkListings(Optional<String> group);

    /**
     * For each month, every dealership's copy of its counters in the network (or the group's share), as stored
     * ({@link NetworkRegister#format()}), read consistently; of a dealership copied in several shares, its latest;
     * and, in the same request, the listings' version. A copy counts only beside a listing read before it, or read
     * at the same listings' version ({@link Aggregates#network}).
     */
    NetworkCopies networkCopies(Optional<String> group, List<YearMonth> months);

    record NetworkCopies(long listingsVersion, Map<YearMonth, Map<String, String>> months) {
    }

    /**
     * The listings' version, read consistently: raised before every new generation begins (after its listing, before
     * its config) and before every change of the layout's state.
     */
    long listingsVersion();

    /** One dealership's listing and its copies of some months: what verification compares with its month items. */
    record Copies(Optional<NetworkListing> listing, Map<YearMonth, NetworkRegister> months) {
    }

    /** The copies of a dealership's config's share. */
    Copies copies(String dealershipId, AggregateConfig config, List<YearMonth> months);

    /**
     * The aggregates hold a milestone at {@code version}: its outbox flag and the homes that hold only a tombstone go,
     * if the milestone is still at that version (a later change keeps its flag).
     */
    void published(String dealershipId, String agreementId, Stage stage, long version, Set<String> staleHomes);

    /**
     * Gives a milestone a home (a change: it raises the version and sets the flag) and returns its state after; what
     * the build and the sweep do for milestones written before their dealership's generation.
     */
    MilestoneState addHome(String dealershipId, String agreementId, Stage stage, String homeKey);

    /** Each month's summary, of one generation; months without one (no item) hold nothing. */
    Map<YearMonth, MonthSummary> summaries(String dealershipId, long generation, List<YearMonth> months);

    /** Every month item a generation holds, summarized as it stands (what its summary must hold), read consistently. */
    Map<YearMonth, MonthSummary> allMonths(String dealershipId, long generation);

    /**
     * Every agreement's milestone moments, by agreement id, read afresh from the milestone index: what verification
     * recounts the aggregates from (the index lags writes on DynamoDB by a moment).
     */
    Map<String, Map<Stage, Instant>> everyMilestone(String dealershipId);

    /**
     * Where an agreement (by the moment of its first contact) or an update (by its moment) comes in a build's order:
     * by moment, then id. The activity index keeps that order; the milestone index keeps the moments' (not the ids'
     * among equal moments), so a build cut off lists the agreements from the moment it reached, and skips those up
     * to its place.
     */
    record Place(Instant at, String id) implements Comparable<Place> {
        private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("#(\\d{15})\\|(.+)");

        /**
         * Fixed-width, so the texts order as the places do; its first character sorts before any id's, so a version
         * that recorded an agreement's id as its progress (and reads this as one) starts its build from the first.
         */
        public String format() {
            return String.format(java.util.Locale.ROOT, "#%015d|%s", at.toEpochMilli(), id);
        }

        /** A place as {@link #format()} writes it; none from other text (what the version before recorded). */
        public static Optional<Place> parse(String text) {
            java.util.regex.Matcher place = FORMAT.matcher(text);
            return place.matches() ? Optional.of(new Place(Instant.ofEpochMilli(Long.parseLong(place.group(1))), place.group(2)))
                    : Optional.empty();
        }

        @Override
        public int compareTo(Place other) {
            int byMoment = at.compareTo(other.at);
            return byMoment != 0 ? byMoment : id.compareTo(other.id);
        }
    }

    /**
     * Each agreement of the dealership with a milestone whose first contact is at or after {@code from}, from the
     * milestone index: what a build goes through.
     */
    void agreements(String dealershipId, Instant from, Consumer<Place> sink);

    /** An agreement as the aggregates see it: its milestone items and its history items. */
    record Agreement(List<MilestoneState> milestones, List<UsageEvent> events) {
    }

    /** The agreement's items, read consistently in one Query of its partition. */
    Agreement agreement(String dealershipId, String agreementId);

    /**
     * Counts an update into its day's usage once (idempotent), or, voided, out of it (and never back in): the day's
     * total, its status's and its user's counts move together in one conditional write.
     */
    void countUsage(String dealershipId, long generation, LocalDate day, UsageEvent event);

    /** The usage counts hold the update as it is: its history item's flag goes, if it is still in that state. */
    void usagePublished(String dealershipId, String agreementId, UsageEvent event);

    /** Each day's usage from {@code from} to {@code to}, of one generation (days without an item are empty), read consistently. */
    Map<LocalDate, UsageDay> usage(String dealershipId, long generation, LocalDate from, LocalDate to);

    /** Every day's usage a generation holds, read consistently. */
    Map<LocalDate, UsageDay> allUsage(String dealershipId, long generation);

    /** The first local day on which a generation counts an update (read consistently), if any. */
    Optional<LocalDate> firstUsageDay(String dealershipId, long generation);

    /** Every counting update of the dealership, from the activity index. */
    void events(String dealershipId, Consumer<UsageEvent> sink);

    /** Every counting update of the dealership after {@code after}, from the activity index: what a build counts. */
    void events(String dealershipId, Place after, Consumer<UsageEvent> sink);

    /** The dealership's usage counted afresh from the activity index, by local day in {@code zone}. */
    Map<LocalDate, UsageDay> recountUsage(String dealershipId, ZoneId zone);

    /** Agreements with a milestone or an update flagged before {@code before}: what the sweep completes. */
    List<FlaggedAgreement> flagged(Instant before);

    /** How many milestones are flagged: changes the aggregates may not hold yet. */
    long pending();

    /** When the last sweep finished. */
    void recordSweep(Instant at);

    /**
     * The roll-ups' layout as the status item says, for this store's (its shard count).
     *
     * @param recorded          the copies were last laid out as this store writes them: false after a change of the
     *                          layout, until {@link #recordLayout} says that every ready dealership was given a
     *                          generation to be copied in this one; until then {@link #networkListings} lists no
     *                          dealership, and the roll-ups count from the milestones
     * @param listingsForgotten this layout's listings were forgotten since the layout last changed to it, with no
     *                          sweep of another layout since: what it lists since is this stint's (so a sweep that
     *                          could not record the layout yet goes on from there rather than forgetting again)
     * @param anyForgotten      some layout's forgetting is marked
     */
    record Layout(boolean recorded, boolean listingsForgotten, boolean anyForgotten) {
    }

    Layout layout();

    void recordLayout();

    /**
     * Removes every listing of this store's layout, then marks that it did: on entering a layout again, what its
     * earlier stint listed may name generations since superseded in another of its shards (a dealership that changed
     * group meanwhile). Nothing is then listed ready until a build lists it, so the roll-ups count from the milestones
     * meanwhile.
     */
    void forgetListings();

    /** A sweep of a recorded layout removes the mark of any forgetting: a stint in another layout is over. */
    void clearListingsForgotten();

    /** The whole network's listings in this store's layout as they stand, recorded or not: what the sweep compares. */
    Map<String, NetworkListing> layoutListings();

    /**
     * When a version writing this store's format ({@link AggregateConfig#CURRENT_FORMAT}) first found a generation
     * of the format before: recorded by the first call (as {@code now}), the same ever after. Such a generation is
     * brought up to date in place only once the version before can no longer be writing (a deployment's traffic
     * shift is over).
     */
    Instant formatSince(Instant now);

    /**
     * Forgets when a generation of the format before was first found (a sweep found none): one found later (completed
     * by the version before after a rollback) waits again for that version to stop.
     */
    void forgetFormatSince();

    /**
     * Brings a ready generation of the format before up to the current one in place: each of its month items
     * summarized beside it, then the generation stamped with the current format, if it is still the dealership's and
     * unstamped (whether this call stamped it). Its copies and listing stand as they are: roll-ups go on reading them.
     */
    boolean summarizeInPlace(String dealershipId, AggregateConfig config);

    /** The last verification's result. */
    void recordVerification(Verification verification);

    /** When the last sweep finished, and the last verification's result. */
    Status status();

    /** @param unchecked dealerships the run could not compare (their reads failed, or its time ran out) */
    record Verification(Instant at, int checked, int mismatches, int unchecked) {
    }

    record Status(Optional<Instant> lastSweep, Optional<Verification> lastVerification) {
    }

    /** An agreement with a flagged milestone. */
    record FlaggedAgreement(String dealershipId, String agreementId) {
    }
}
