-- Follow-up of the declaration (issue 12): a summary of every decision, the presidency's
-- succession, and a kind for the international organisations the seed does not name as observers.
-- Summaries are in our own words, not the wording of the declaration.

ALTER TABLE decision ADD COLUMN summary text;

UPDATE decision d SET summary = s.summary
FROM (VALUES
    ( 1, 'The Technical Secretariat''s compilation of how the Conference works becomes its reference of procedures and practices.'),
    ( 2, 'The Member Countries take note of the Secretariat''s operational, narrative and financial report.'),
    ( 3, 'The Secretariat''s budget follows the table of annex A, including a pay adjustment for support staff agreed in a closed-door meeting.'),
    ( 4, 'The presidency and IOM draft a memorandum to strengthen how the budget is executed and monitored, for the Member Countries to approve.'),
    ( 5, 'The Secretariat sends the Member Countries a financial report every quarter so that they can follow the budget''s execution.'),
    ( 6, 'Member Countries are urged to pay their contributions to the Secretariat''s budget on time, above all those who owe past ones.'),
    ( 7, 'A commission of interested Member Countries writes guidelines for hiring the Secretariat''s coordinator (first virtual meeting by early December 2016); IOM then runs the hiring, to end by March 2017.'),
    ( 8, 'A network of liaison officers for the protection of migrant children is created, with its way of working.'),
    ( 9, 'IOM, UNICEF and UNHCR are thanked for backing the liaison network; observers and civil society are invited to help build its work plan.'),
    (10, 'Recommendations on consular protection of migrant children, including unaccompanied, separated and refugee children, are approved for countries to apply.'),
    (11, 'Shared indicators for registering unaccompanied or separated children in consular work are approved for countries to apply.'),
    (12, 'Regional guidelines for the comprehensive protection of children in the context of migration are approved for countries to apply.'),
    (13, 'IOM''s information campaign on child migration is adopted, and the RROCM''s "Justice for all" campaign is acknowledged.'),
    (14, 'A guide of effective practices to protect people displaced across borders by disasters is welcomed for countries to apply.'),
    (15, 'A basic guide, presented by IOM, for public policies on the reintegration of returnees is welcomed for countries to apply.'),
    (16, 'A workshop on passport integrity is approved, sponsored by Canada and Mexico.'),
    (17, 'Two regional training workshops on disaster displacement in 2017, funded by the Platform on Disaster Displacement; Costa Rica offers to host one.'),
    (18, 'The ILO becomes an observer organisation of the Conference.'),
    (19, 'A workshop on consular protection of migrant workers is approved, with technical and financial support asked of the ILO and IOM.'),
    (20, 'A workshop on consular crisis management and the MICIC guidelines is approved, funded by Costa Rica and the United States.'),
    (21, 'Migration and health becomes a standing human-rights topic: health protocols, training of health staff and access to care, with the ICRC''s help.'),
    (22, 'The suggestions of the October 2016 meeting with civil society are to be considered, and a tripartite team (presidency, both secretariats) builds a work plan with implementation, monitoring and follow-up, and the resources for it.'),
    (23, 'An information exchange and early warning on extraordinary extra-regional flows starts, with focal points, and countries tell each other of rule changes that affect the region.'),
    (24, 'The ad hoc group on extra-regional migrants meets again in the first half of 2017 with Mexico''s support; the ICRC offers advice on managing shelters.'),
    (25, 'The South American Conference''s secretariat is asked to share the Conference''s extra-regional work with its members, to keep cooperating.'),
    (26, 'Countries exchange information and act together against migrant smuggling networks.'),
    (27, 'Measures are agreed to counter xenophobia towards migrants and to show the benefits of orderly migration.'),
    (28, 'UNDP is thanked for its presentation on the 2030 Agenda for Sustainable Development.'),
    (29, 'IOM and UNHCR are thanked for presenting the global compacts on migration and on refugees.'),
    (30, 'Mexico is congratulated as co-facilitator of the global compact on migration; the Conference will take part in the 2017 preparatory conference.'),
    (31, 'UNHCR, the ICRC, UNICEF, IOM and SICA, as observers, and the RROCM are thanked for their support and invited to keep strengthening the process.'),
    (32, 'UNODC''s campaign against migrant smuggling is adopted as a regional communication initiative.'),
    (33, 'El Salvador''s theme for its 2017 presidency (migrant women) and its work plan are welcomed.'),
    (34, 'With IOM and UN Women, El Salvador drafts protection guidelines for migrant women, to be discussed and validated before the 2017 vice-ministerial meeting.'),
    (35, 'The child-protection liaison network meets in the first quarter of 2017 to write its work plan; Honduras hosts and funds the meeting.'),
    (36, 'Panama is supported as it takes on the presidency for the 2018 cycle.'),
    (37, 'Honduras is thanked for hosting the meeting and for its 2016 presidency.'),
    (38, 'The Member Countries are congratulated on twenty years of the Conference.')
) AS s(number, summary)
WHERE d.meeting = 'XXI CRM (2016)' AND d.number = s.number;

-- International organisations that work with the Conference without being named observers in the
-- seed (decisions 17, 28, 32, 34): partners, not observers. Observers are those decision 31 names,
-- and the ILO (decision 18).
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('MEMBER_STATE', 'OBSERVER', 'PARTNER',
    'SECRETARIAT', 'CIVIL_SOCIETY_NETWORK', 'CIVIL_SOCIETY_ORGANISATION'));
UPDATE organisation SET kind = 'PARTNER' WHERE code IN ('UNODC', 'UNDP', 'UN-WOMEN', 'PDD');

-- The Presidencia Pro Témpore, cycle by cycle, and the decision that records each term.
CREATE TABLE presidency_term (
    cycle           int PRIMARY KEY,
    organisation_id uuid NOT NULL REFERENCES organisation (id),
    decision_id     uuid REFERENCES decision (id)
);
INSERT INTO presidency_term (cycle, organisation_id, decision_id)
SELECT t.cycle, o.id, d.id
FROM (VALUES (2016, 'HN', 37), (2017, 'SV', 33), (2018, 'PA', 36)) AS t(cycle, code, number)
JOIN organisation o ON o.code = t.code
LEFT JOIN decision d ON d.meeting = 'XXI CRM (2016)' AND d.number = t.number;

GRANT SELECT ON presidency_term TO ${appRole};
