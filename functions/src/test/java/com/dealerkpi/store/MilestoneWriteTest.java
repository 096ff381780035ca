package com.dealerkpi.store;

import com.dealerkpi.domain.status.Milestone;
import com.dealerkpi.domain.status.Stage;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write of a milestone item raises its version, keeps every condition asked for, and names exactly the
 * placeholders it uses (DynamoDB refuses an unused one): the expressions of each path, without a store.
 */
class MilestoneWriteTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static MilestoneWrite write() {
        return MilestoneWrite.of("D1", "A1", Stage.SOLD, AT);
    }

    @Test
    void everyPathRaisesTheVersionAndUsesEachPlaceholderItNames() {
        List<UpdateItemRequest> requests = List.of(
                write().claimedBy(AT, false, "e1").request("t").build(),
                write().voided("e1", true).request("t").build(),
                write().voided("e1", false).request("t").build(),
                write().rebuiltAs(new Milestone(Stage.SOLD, AT, true, "e2", null)).ifVersion(AttributeValue.fromN("3")).request("t").build(),
                write().rebuiltEmpty().ifVersion(AttributeValue.fromN("3")).request("t").build(),
                write().claimedBy(AT, true, "e1").home("1#2026-03").request("t").build(),
                write().home("1#2026-03").existing().request("t").build());
        for (UpdateItemRequest request : requests) {
            assertTrue(request.updateExpression().startsWith("SET #ver = if_not_exists(#ver, :zero) + :one, #obpk = :obpk, #obsk = :obsk"),
                    "every change raises the version and flags the item: " + request.updateExpression());
            String expressions = request.updateExpression() + " " + (request.conditionExpression() == null ? "" : request.conditionExpression());
            assertEquals(request.expressionAttributeNames().keySet(), placeholders(expressions, '#'), expressions);
            assertEquals(request.expressionAttributeValues().keySet(), placeholders(expressions, ':'), expressions);
        }
    }

    @Test
    void conditionsAddUpInsteadOfReplacingEachOther() {
        UpdateItemRequest claimed = write().claimedBy(AT, true, "e1").ifVersion(AttributeValue.fromN("7")).request("t").build();
        assertTrue(claimed.conditionExpression().contains("NOT contains(#vd, :eid)"), claimed.conditionExpression());
        assertTrue(claimed.conditionExpression().endsWith("AND (#ver = :v)"), claimed.conditionExpression());
        assertEquals(null, write().voided("e1", false).request("t").build().conditionExpression(), "a void's mark of a non-winner");
        assertEquals("(#eid = :eid)", write().voided("e1", true).request("t").build().conditionExpression());
    }

    @Test
    void publishingIsNotAChangeAndHoldsOnlyAtTheVersionPublished() {
        UpdateItemRequest published = write().published(4, java.util.Set.of("1#2026-02")).request("t").build();
        assertEquals("REMOVE #obpk, #obsk DELETE #homes :stale", published.updateExpression(), "no version raise, no flag set");
        assertEquals("(#ver = :published)", published.conditionExpression());
        String expressions = published.updateExpression() + " " + published.conditionExpression();
        assertEquals(published.expressionAttributeNames().keySet(), placeholders(expressions, '#'), expressions);
        assertEquals(published.expressionAttributeValues().keySet(), placeholders(expressions, ':'), expressions);
        assertEquals("REMOVE #obpk, #obsk", write().published(4, java.util.Set.of()).request("t").build().updateExpression());
    }

    private static java.util.Set<String> placeholders(String expression, char sigil) {
        Matcher matcher = Pattern.compile(Pattern.quote(String.valueOf(sigil)) + "[A-Za-z0-9_]+").matcher(expression);
        return Stream.iterate(matcher.find(), found -> found, found -> matcher.find()).map(found -> matcher.group())
                .collect(java.util.stream.Collectors.toSet());
    }
}
