// The 45-day flag of app/domain/runway.ts in SQL, for the portfolio list: a join on the product
// aliased `p` giving `run."runsOutOn"` and `run."needsCommittee"`. The same rules: the granted
// envelopes following each other from today without a gap, counted (prorated) and spent from the
// latest start among those covering today, at the pace of the current year's statement (the actual, else the forecast); flagged when the money runs out
// within 45 days with no planned session for the product between today and then. tests/funding.test.ts
// checks it against `loadRunway`.
import { RUNWAY_ALERT_DAYS } from "~/domain/runway";
import { Prisma } from "~/generated/prisma/client";

/**
 * `today`: the Paris day, as an SQL date; `internal`: the products whose funding the viewer reads
 * (the flag of any other is null).
 */
export function runwayJoin(today: Prisma.Sql, internal: Prisma.Sql): Prisma.Sql {
  const year = Prisma.sql`extract(year FROM ${today})::int`;
  const daysInYear = Prisma.sql`(make_date(${year} + 1, 1, 1) - make_date(${year}, 1, 1))`;
  return Prisma.sql`LEFT JOIN LATERAL (
      SELECT span."runsOutOn",
        span."runsOutOn" <= ${today} + ${RUNWAY_ALERT_DAYS}::int AND NOT EXISTS (
          SELECT 1 FROM "AgendaItem" rai JOIN "CommitteeSession" rcs ON rcs.id = rai."sessionId"
          WHERE rai."productId" = p.id AND rcs.status = 'planned'
            AND rcs."startsAt" >= ${today}::timestamp
            AND rcs."startsAt" < (greatest(span."runsOutOn", ${today}) + 1)::timestamp
        ) AS "needsCommittee"
      FROM (
        SELECT least(cover."to", CASE WHEN pace.cents > 0
            THEN cover."from" + floor(cover.cents * ${daysInYear} / pace.cents)::int - 1 END) AS "runsOutOn"
        FROM (
          SELECT latest."from", max(isl.e) AS "to",
            sum(CASE WHEN isl.s >= latest."from" THEN isl.amount * 100
              ELSE round(isl.amount * 100 * (isl.e - latest."from" + 1) / (isl.e - isl.s + 1)) END) AS cents
          FROM (
            SELECT w.*, sum(CASE WHEN w.prev_end IS NULL OR w.s > w.prev_end + 1 THEN 1 ELSE 0 END)
                OVER (ORDER BY w.s, w.e) AS island
            FROM (
              SELECT fe."startDate" AS s, fe."endDate" AS e, fe.amount,
                max(fe."endDate") OVER (ORDER BY fe."startDate", fe."endDate" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
              FROM "FundingEnvelope" fe
              WHERE fe."productId" = p.id AND fe.status = 'granted' AND fe."endDate" >= ${today} AND ${internal}
            ) w
          ) isl
          CROSS JOIN LATERAL (SELECT max(l."startDate") AS "from" FROM "FundingEnvelope" l
            WHERE l."productId" = p.id AND l.status = 'granted' AND l."startDate" <= ${today} AND l."endDate" >= ${today}) latest
          WHERE isl.island = 1
          GROUP BY latest."from"
          HAVING min(isl.s) <= ${today}
        ) cover
        LEFT JOIN LATERAL (
          SELECT sum(bl.paid) * 100 AS cents FROM "BudgetLine" bl
          WHERE bl."statementId" = (
            SELECT bs.id FROM "BudgetStatement" bs
            WHERE bs."productId" = p.id AND bs.year = ${year} AND bs."supersededAt" IS NULL
            ORDER BY bs.nature ASC LIMIT 1
          )
        ) pace ON TRUE
      ) span
    ) run ON TRUE`;
}
