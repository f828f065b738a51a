-- Demo data for the local run, loaded once on first start (not a Flyway migration).
-- Executed statement by statement: plain SQL only, statements end with a semicolon.
-- Catalogue rows come from V3 and are found by organisation code or by decision meeting and number.
-- Fixed identifiers: work plan 0001, workstreams 01xx, tasks 02xx, resources 03xx,
-- indicators 04xx, indicator periods 05xx, progress reports 06xx, comments 07xx, contributions 08xx,
-- suggestions 09xx and their answers 10xx.

-- Work plan -------------------------------------------------------------------------------------

INSERT INTO work_plan (id, title, description, cycle, status, presidency_id, visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000001',
     'Tripartite work plan 2017',
     'Joint plan of the presidency, the CRM Technical Secretariat and the RROCM Technical Secretariat for the 2017 cycle, with the resources identified to carry it out and the way progress is followed.',
     2017, 'ADOPTED', (SELECT id FROM organisation WHERE code = 'SV'), 'OPEN', 'demo');

-- Workstreams -----------------------------------------------------------------------------------

INSERT INTO workstream (id, work_plan_id, title, description, lead, visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000101', 'd0000000-0000-4000-8000-000000000001',
     'Reintegration of returned migrants',
     'Services, policies and partnerships that help people who return to their country rebuild their lives.',
     'ST_RROCM', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Civil-society participation in CRM workshops and consultations',
     'Making sure network members take part in the workshops, seminars and document reviews of the cycle that are not reserved.',
     'ST_RROCM', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000103', 'd0000000-0000-4000-8000-000000000001',
     'Migration and health',
     'Health protocols and staff training for people on the move, following up the 2016 health workshop.',
     'PPT', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000104', 'd0000000-0000-4000-8000-000000000001',
     'Protection of migrant women and children',
     'The presidency theme of the year and the work of the liaison-officer network for child protection.',
     'PPT', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000105', 'd0000000-0000-4000-8000-000000000001',
     'Early-warning exchange on extra-regional flows',
     'Focal points share alerts on unusual arrivals from outside the region and on rule changes that affect neighbouring countries.',
     'ST_CRM', 'RESERVED', 'demo');

-- Tasks -----------------------------------------------------------------------------------------

INSERT INTO task (id, workstream_id, work_plan_id, title, description, kind, status, responsible,
                  responsible_organisation_id, start_date, due_date, progress, decline_reason, proposed_by,
                  visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000201', 'd0000000-0000-4000-8000-000000000101', 'd0000000-0000-4000-8000-000000000001',
     'Map reintegration services available to returnees',
     'Inventory of public and community services for returned people in the countries of origin, as groundwork for the reintegration policy guide.',
     'ACTION', 'IN_PROGRESS', 'ST_RROCM', (SELECT id FROM organisation WHERE code = 'CSO-HN-1'),
     '2017-02-01', '2017-09-30', 45, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000202', 'd0000000-0000-4000-8000-000000000101', 'd0000000-0000-4000-8000-000000000001',
     'Round table with private employers on hiring returned migrants',
     'Proposal from the network: bring business associations together with returnee groups to open job placements.',
     'MEETING', 'PROPOSED', 'ST_RROCM', (SELECT id FROM organisation WHERE code = 'CSO-GT-1'),
     '2017-08-01', '2017-10-31', 0, NULL, 'demo-civil-society', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000203', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Passport-integrity workshop',
     'Regional workshop on travel-document security, co-sponsored by Canada and Mexico, with UNODC offering support.',
     'WORKSHOP', 'DONE', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-03-01', '2017-05-31', 100, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000204', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'First regional training on displacement in disaster contexts',
     'First of the two trainings paid for by the Platform on Disaster Displacement, hosted by Costa Rica.',
     'WORKSHOP', 'IN_PROGRESS', 'PPT', (SELECT id FROM organisation WHERE code = 'CR'),
     '2017-04-01', '2017-06-30', 60, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000205', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Second regional training on displacement in disaster contexts',
     'Second training of the pair, host country still to be agreed.',
     'WORKSHOP', 'PLANNED', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-09-01', '2017-11-15', 10, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000206', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Workshop on consular protection of migrant workers',
     'Consular staff and labour-rights groups review protection practice for workers abroad, with technical and financial help requested from ILO and IOM.',
     'WORKSHOP', 'PLANNED', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-05-01', '2017-07-31', 15, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000207', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Workshop on consular crisis management and the MICIC guidelines',
     'Training on assisting nationals caught in crises abroad, financed by Costa Rica and the United States through an IOM programme.',
     'WORKSHOP', 'DONE', 'PPT', (SELECT id FROM organisation WHERE code = 'SV'),
     '2017-02-15', '2017-04-30', 100, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000208', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Drafting sessions of the tripartite team for the 2017 work plan',
     'The presidency and both secretariats agree the lines of action, tasks and resources of this plan.',
     'DOCUMENT', 'DONE', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-01-09', '2017-02-28', 100, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000209', 'd0000000-0000-4000-8000-000000000102', 'd0000000-0000-4000-8000-000000000001',
     'Closed-door consultation on planned visa policy changes',
     'Government-only exchange on upcoming visa rule changes and their likely effect on neighbouring countries.',
     'CONSULTATION', 'PLANNED', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-06-01', '2017-07-15', 20, NULL, NULL, 'RESERVED', 'demo'),
    ('d0000000-0000-4000-8000-000000000210', 'd0000000-0000-4000-8000-000000000103', 'd0000000-0000-4000-8000-000000000001',
     'Draft public-health protocols for people on the move',
     'Model protocols for comprehensive care of mobile populations, prepared with the ICRC.',
     'DOCUMENT', 'IN_PROGRESS', 'PPT', (SELECT id FROM organisation WHERE code = 'SV'),
     '2017-03-01', '2017-10-31', 35, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000211', 'd0000000-0000-4000-8000-000000000103', 'd0000000-0000-4000-8000-000000000001',
     'Training of health staff on the rights of migrants',
     'Sessions for public-health personnel on the human rights of migrants and access to care for survivors of sexual violence.',
     'SEMINAR', 'BLOCKED', 'PPT', (SELECT id FROM organisation WHERE code = 'SV'),
     '2017-06-01', '2017-09-30', 5, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000212', 'd0000000-0000-4000-8000-000000000104', 'd0000000-0000-4000-8000-000000000001',
     'Meeting of the liaison-officer network for migrant child protection',
     'First meeting of the network in the first quarter, hosted and paid for by Honduras, to agree the network''s own work plan.',
     'MEETING', 'DONE', 'PPT', (SELECT id FROM organisation WHERE code = 'HN'),
     '2017-02-15', '2017-03-31', 100, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000213', 'd0000000-0000-4000-8000-000000000104', 'd0000000-0000-4000-8000-000000000001',
     'Draft guidelines for the protection of migrant women',
     'First draft prepared by the presidency with help from IOM and UN Women, to be discussed before the vice-ministerial meeting.',
     'DOCUMENT', 'IN_PROGRESS', 'PPT', (SELECT id FROM organisation WHERE code = 'SV'),
     '2017-02-01', '2017-08-31', 55, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000214', 'd0000000-0000-4000-8000-000000000104', 'd0000000-0000-4000-8000-000000000001',
     'Parallel civil-society forum on migrant women',
     'Proposal from the network for a separate forum of women''s organisations on the draft guidelines.',
     'CONSULTATION', 'CANCELLED', 'ST_RROCM', (SELECT id FROM organisation WHERE code = 'CSO-SV-1'),
     '2017-07-01', '2017-07-31', 0,
     'Folded into the joint validation session on the guidelines so that the draft is reviewed once by everyone.',
     'demo-civil-society', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000215', 'd0000000-0000-4000-8000-000000000104', 'd0000000-0000-4000-8000-000000000001',
     'Validation session on the guidelines for migrant women',
     'Governments, observers and network members review and validate the draft guidelines together.',
     'CONSULTATION', 'PLANNED', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-09-01', '2017-10-15', 0, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000216', 'd0000000-0000-4000-8000-000000000105', 'd0000000-0000-4000-8000-000000000001',
     'Ad hoc group meeting on extra-regional migrants',
     'Next meeting of the ad hoc group in the first half of the year, with Mexico''s support and ICRC advice on shelter management.',
     'MEETING', 'PLANNED', 'PPT', (SELECT id FROM organisation WHERE code = 'MX'),
     '2017-04-01', '2017-06-30', 30, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000217', 'd0000000-0000-4000-8000-000000000105', 'd0000000-0000-4000-8000-000000000001',
     'Set up the focal-point alert channel',
     'Contact list, alert template and response times for the designated focal points.',
     'ACTION', 'IN_PROGRESS', 'ST_CRM', (SELECT id FROM organisation WHERE code = 'ST-CRM'),
     '2017-01-15', '2017-05-31', 70, NULL, NULL, 'OPEN', 'demo');

-- Decisions implemented by each task ------------------------------------------------------------

INSERT INTO task_decision (task_id, decision_id)
SELECT t.task_id::uuid, d.id
FROM (VALUES
    ('d0000000-0000-4000-8000-000000000201', 15),
    ('d0000000-0000-4000-8000-000000000201', 22),
    ('d0000000-0000-4000-8000-000000000202', 22),
    ('d0000000-0000-4000-8000-000000000202', 15),
    ('d0000000-0000-4000-8000-000000000203', 16),
    ('d0000000-0000-4000-8000-000000000203', 32),
    ('d0000000-0000-4000-8000-000000000203', 22),
    ('d0000000-0000-4000-8000-000000000204', 17),
    ('d0000000-0000-4000-8000-000000000204', 14),
    ('d0000000-0000-4000-8000-000000000205', 17),
    ('d0000000-0000-4000-8000-000000000206', 19),
    ('d0000000-0000-4000-8000-000000000206', 18),
    ('d0000000-0000-4000-8000-000000000207', 20),
    ('d0000000-0000-4000-8000-000000000208', 22),
    ('d0000000-0000-4000-8000-000000000209', 23),
    ('d0000000-0000-4000-8000-000000000210', 21),
    ('d0000000-0000-4000-8000-000000000211', 21),
    ('d0000000-0000-4000-8000-000000000212', 35),
    ('d0000000-0000-4000-8000-000000000212', 8),
    ('d0000000-0000-4000-8000-000000000212', 9),
    ('d0000000-0000-4000-8000-000000000213', 34),
    ('d0000000-0000-4000-8000-000000000213', 33),
    ('d0000000-0000-4000-8000-000000000214', 34),
    ('d0000000-0000-4000-8000-000000000214', 22),
    ('d0000000-0000-4000-8000-000000000215', 34),
    ('d0000000-0000-4000-8000-000000000215', 22),
    ('d0000000-0000-4000-8000-000000000216', 24),
    ('d0000000-0000-4000-8000-000000000216', 23),
    ('d0000000-0000-4000-8000-000000000217', 23)
) AS t (task_id, number)
JOIN decision d ON d.meeting = 'XXI CRM (2016)' AND d.number = t.number;

-- Resources ---------------------------------------------------------------------------------------
-- Work-plan level: contributions to the CRM Technical Secretariat budget from 2017 (Annex A).
-- Task level: sponsorships and support of single activities (figures are illustrative).

INSERT INTO resource (id, work_plan_id, task_id, kind, status, description, provider_id, amount, currency,
                      visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000301', 'd0000000-0000-4000-8000-000000000001', NULL,
     'FUNDING', 'CONFIRMED', 'Annual contribution to the CRM Technical Secretariat budget',
     (SELECT id FROM organisation WHERE code = 'US'), 150000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000302', 'd0000000-0000-4000-8000-000000000001', NULL,
     'FUNDING', 'CONFIRMED', 'Annual contribution to the CRM Technical Secretariat budget',
     (SELECT id FROM organisation WHERE code = 'CA'), 75000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000303', 'd0000000-0000-4000-8000-000000000001', NULL,
     'FUNDING', 'PLEDGED', 'Annual contribution to the CRM Technical Secretariat budget',
     (SELECT id FROM organisation WHERE code = 'MX'), 37500.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000304', 'd0000000-0000-4000-8000-000000000001', NULL,
     'FUNDING', 'DELIVERED', 'Annual contribution to the CRM Technical Secretariat budget',
     (SELECT id FROM organisation WHERE code = 'SV'), 5500.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000305', 'd0000000-0000-4000-8000-000000000001', NULL,
     'FUNDING', 'PLEDGED', 'Annual contribution to the CRM Technical Secretariat budget',
     (SELECT id FROM organisation WHERE code = 'HN'), 5500.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000306', 'd0000000-0000-4000-8000-000000000001', NULL,
     'FUNDING', 'REQUESTED', 'Annual contribution to the CRM Technical Secretariat budget',
     (SELECT id FROM organisation WHERE code = 'BZ'), 5500.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000307', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000203',
     'FUNDING', 'DELIVERED', 'Co-sponsorship of the passport-integrity workshop',
     (SELECT id FROM organisation WHERE code = 'CA'), 20000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000308', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000203',
     'FUNDING', 'DELIVERED', 'Co-sponsorship of the passport-integrity workshop',
     (SELECT id FROM organisation WHERE code = 'MX'), 20000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000309', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000204',
     'FUNDING', 'CONFIRMED', 'Full cost of the first disaster-displacement training',
     (SELECT id FROM organisation WHERE code = 'PDD'), 40000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000310', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000204',
     'VENUE', 'CONFIRMED', 'Meeting rooms and local logistics for the first training',
     (SELECT id FROM organisation WHERE code = 'CR'), NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000311', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000206',
     'TECHNICAL_ASSISTANCE', 'REQUESTED', 'Labour-rights experts and training material for the consular workshop',
     (SELECT id FROM organisation WHERE code = 'ILO'), NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000312', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000207',
     'FUNDING', 'DELIVERED', 'Financing of the consular crisis workshop through an IOM programme',
     (SELECT id FROM organisation WHERE code = 'US'), 25000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000313', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000207',
     'FUNDING', 'DELIVERED', 'Financing of the consular crisis workshop through an IOM programme',
     (SELECT id FROM organisation WHERE code = 'CR'), 10000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000314', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000210',
     'TECHNICAL_ASSISTANCE', 'CONFIRMED', 'Medical and humanitarian expertise for the health protocols',
     (SELECT id FROM organisation WHERE code = 'ICRC'), NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000315', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000211',
     'FUNDING', 'WITHDRAWN', 'Travel grants for health staff attending the training',
     (SELECT id FROM organisation WHERE code = 'IOM'), 12000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000316', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000212',
     'VENUE', 'DELIVERED', 'Venue, travel and lodging for the liaison-officer network meeting',
     (SELECT id FROM organisation WHERE code = 'HN'), NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000317', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000212',
     'STAFF', 'CONFIRMED', 'Security detail and protected arrangements for the network meeting',
     (SELECT id FROM organisation WHERE code = 'HN'), NULL, NULL, 'RESERVED', 'demo'),
    ('d0000000-0000-4000-8000-000000000318', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000213',
     'TECHNICAL_ASSISTANCE', 'PLEDGED', 'Gender and migration specialists to help write the first draft',
     (SELECT id FROM organisation WHERE code = 'UN-WOMEN'), NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000319', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000216',
     'FUNDING', 'PLEDGED', 'Logistics and travel for the ad hoc group meeting',
     (SELECT id FROM organisation WHERE code = 'MX'), 18000.00, 'USD', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000320', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000216',
     'TECHNICAL_ASSISTANCE', 'IDENTIFIED', 'Advice on running shelters for extra-regional migrants',
     (SELECT id FROM organisation WHERE code = 'ICRC'), NULL, NULL, 'OPEN', 'demo');

-- Indicators and their periods --------------------------------------------------------------------

INSERT INTO indicator (id, task_id, title, unit, baseline_value, baseline_year, target_value, visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000401', 'd0000000-0000-4000-8000-000000000212',
     'Member Countries with a designated child-protection liaison officer', 'countries', 4, 2016, 11, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000402', 'd0000000-0000-4000-8000-000000000213',
     'Member Countries that sent comments on the draft guidelines for migrant women', 'countries', 0, 2016, 11, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000403', 'd0000000-0000-4000-8000-000000000201',
     'Reintegration services mapped', 'services', 0, 2016, 120, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000404', 'd0000000-0000-4000-8000-000000000207',
     'Consular crisis contingency plans updated after the workshop', 'plans', 2, 2016, 8, 'RESERVED', 'demo');

INSERT INTO indicator_period (id, indicator_id, period_start, period_end, target_value, actual_value, note, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000501', 'd0000000-0000-4000-8000-000000000401',
     '2017-01-01', '2017-03-31', 8, 8, 'Four countries named their officer at the network meeting.', 'demo'),
    ('d0000000-0000-4000-8000-000000000502', 'd0000000-0000-4000-8000-000000000401',
     '2017-04-01', '2017-06-30', 11, 10, 'One designation still pending.', 'demo'),
    ('d0000000-0000-4000-8000-000000000503', 'd0000000-0000-4000-8000-000000000402',
     '2017-04-01', '2017-06-30', NULL, 6, NULL, 'demo'),
    ('d0000000-0000-4000-8000-000000000504', 'd0000000-0000-4000-8000-000000000403',
     '2017-01-01', '2017-06-30', 60, 47, 'Slower start in rural areas.', 'demo'),
    ('d0000000-0000-4000-8000-000000000505', 'd0000000-0000-4000-8000-000000000404',
     '2017-04-01', '2017-06-30', 5, 3, NULL, 'demo');

-- Progress reports ----------------------------------------------------------------------------------

INSERT INTO progress_report (id, task_id, period_start, period_end, health, summary, visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000601', 'd0000000-0000-4000-8000-000000000201',
     '2017-04-01', '2017-06-30', 'ON_TRACK',
     'Member organisations in three countries have surveyed municipal and community services, and the shared spreadsheet is in use.',
     'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000602', 'd0000000-0000-4000-8000-000000000204',
     '2017-04-01', '2017-06-30', 'AT_RISK',
     'Dates moved once to fit the host agenda, and participant lists from two countries are still missing.',
     'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000603', 'd0000000-0000-4000-8000-000000000211',
     '2017-04-01', '2017-06-30', 'OFF_TRACK',
     'The travel grants fell through, so the sessions cannot be scheduled until another source is found.',
     'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000604', 'd0000000-0000-4000-8000-000000000213',
     '2017-04-01', '2017-06-30', 'ON_TRACK',
     'A first outline circulated to all delegations, and comments are arriving.',
     'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000605', 'd0000000-0000-4000-8000-000000000216',
     '2017-01-01', '2017-03-31', 'AT_RISK',
     'The host date is not yet fixed and two delegations have not confirmed their experts.',
     'OPEN', 'demo');

-- Comments ------------------------------------------------------------------------------------------

INSERT INTO comment (id, subject_type, subject_id, body, visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000701', 'task', 'd0000000-0000-4000-8000-000000000202',
     'Two chambers of commerce have already said they would attend if the meeting is held in the autumn.',
     'OPEN', 'demo-civil-society'),
    ('d0000000-0000-4000-8000-000000000702', 'workstream', 'd0000000-0000-4000-8000-000000000101',
     'The presidency would like the service map ready before the validation of the reintegration guide.',
     'OPEN', 'demo-government'),
    ('d0000000-0000-4000-8000-000000000703', 'task', 'd0000000-0000-4000-8000-000000000214',
     'Understood. We ask for time in the joint session for the women''s organisations to present their own proposals.',
     'OPEN', 'demo-civil-society'),
    ('d0000000-0000-4000-8000-000000000704', 'task', 'd0000000-0000-4000-8000-000000000216',
     'Mexico will confirm the venue once the focal points agree the dates.',
     'OPEN', 'demo-government');

-- Contributions to the Technical Secretariat's budget, 2017 ------------------------------------------
-- The amounts are those of the declaration's annex A. The due date and every payment are invented
-- for the demo. Nicaragua's is classified RESERVED to show what civil society does not see.

INSERT INTO contribution (id, organisation_id, cycle, amount, currency, due_date, visibility, created_by)
SELECT ('d0000000-0000-4000-8000-0000000008' || lpad(n::text, 2, '0'))::uuid, o.id, 2017, c.amount, 'USD', DATE '2017-03-31',
       c.visibility, 'demo'
FROM (VALUES ( 1, 'US', 150000.00, 'OPEN'), ( 2, 'CA', 75000.00, 'OPEN'), ( 3, 'MX', 37500.00, 'OPEN'),
             ( 4, 'BZ', 5500.00, 'OPEN'), ( 5, 'CR', 5500.00, 'OPEN'), ( 6, 'SV', 5500.00, 'OPEN'),
             ( 7, 'GT', 5500.00, 'OPEN'), ( 8, 'HN', 5500.00, 'OPEN'), ( 9, 'NI', 5500.00, 'RESERVED'),
             (10, 'PA', 5500.00, 'OPEN'), (11, 'DO', 5500.00, 'OPEN')) AS c(n, code, amount, visibility)
JOIN organisation o ON o.code = c.code;

INSERT INTO contribution_payment (contribution_id, amount, paid_on, note, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000801', 150000.00, DATE '2017-03-15', 'Demo payment, in full.', 'demo'),
    ('d0000000-0000-4000-8000-000000000802', 40000.00, DATE '2017-03-20', 'Demo payment, first part.', 'demo'),
    ('d0000000-0000-4000-8000-000000000802', 35000.00, DATE '2017-05-10', 'Demo payment, the rest (late).', 'demo'),
    ('d0000000-0000-4000-8000-000000000803', 20000.00, DATE '2017-04-20', 'Demo payment, in part.', 'demo'),
    ('d0000000-0000-4000-8000-000000000805', 5500.00, DATE '2017-02-28', 'Demo payment, in full.', 'demo'),
    ('d0000000-0000-4000-8000-000000000806', 5500.00, DATE '2017-03-30', 'Demo payment, in full.', 'demo'),
    ('d0000000-0000-4000-8000-000000000808', 5500.00, DATE '2017-01-31', 'Demo payment, in full.', 'demo'),
    ('d0000000-0000-4000-8000-000000000809', 2000.00, DATE '2017-06-30', 'Demo payment, in part.', 'demo'),
    ('d0000000-0000-4000-8000-000000000810', 5500.00, DATE '2017-04-05', 'Demo payment, in full (late).', 'demo');

-- Meetings (issue 12) -------------------------------------------------------------------------------
-- The four meetings the declaration names. Dates, times, venues, links, agendas, minutes and the
-- decisions reached are invented for the demo (our own words), and say so. The closed-door meeting
-- of decision 3 is RESERVED: civil society does not see it, its minutes or what it reached.
-- Fixed identifiers: meetings 0axx, decisions reached 0bxx.

INSERT INTO meeting (id, work_plan_id, kind, title, starts_at, ends_at, time_zone, venue, link, host_organisation_id,
                     task_id, status, minutes, minutes_recorded_at, minutes_recorded_by, visibility, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000a01', 'd0000000-0000-4000-8000-000000000001', 'VIRTUAL',
     'First virtual meeting of the commission on the ST coordinator (decision 7)',
     '2016-12-01 15:00-06', '2016-12-01 17:00-06', 'America/Tegucigalpa', NULL, 'https://meet.example.org/crm-commission',
     (SELECT id FROM organisation WHERE code = 'HN'), NULL, 'HELD',
     'Demo minutes. The interested Member Countries reviewed a first draft of the guidelines for hiring and replacing the coordinator of the Technical Secretariat and agreed to send them to every Member Country.',
     '2016-12-02 10:00-06', 'demo', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000a02', 'd0000000-0000-4000-8000-000000000001', 'IN_PERSON',
     'Meeting of the ad hoc group on extra-regional migrants (decision 24)',
     '2017-05-18 09:00-05', '2017-05-19 17:00-05', 'America/Mexico_City', 'Mexico City (demo venue)', NULL,
     (SELECT id FROM organisation WHERE code = 'MX'), 'd0000000-0000-4000-8000-000000000216', 'PLANNED',
     NULL, NULL, NULL, 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000a03', 'd0000000-0000-4000-8000-000000000001', 'IN_PERSON',
     'Meeting of the liaison-officer network for migrant child protection (decision 35)',
     '2017-03-09 09:00-06', '2017-03-10 13:00-06', 'America/Tegucigalpa', 'Tegucigalpa (demo venue)', NULL,
     (SELECT id FROM organisation WHERE code = 'HN'), 'd0000000-0000-4000-8000-000000000212', 'HELD',
     'Demo minutes. Honduras hosted the network''s first meeting. The officers shared how each country refers unaccompanied children and drafted the network''s work plan.',
     '2017-03-13 09:00-06', 'demo', 'OPEN', 'demo'),
    ('d0000000-0000-4000-8000-000000000a04', 'd0000000-0000-4000-8000-000000000001', 'IN_PERSON',
     'Closed-door meeting of the Vice-Ministers (decision 3)',
     '2016-11-17 16:00-06', '2016-11-17 18:00-06', 'America/Tegucigalpa', 'San Pedro Sula (demo venue)', NULL,
     (SELECT id FROM organisation WHERE code = 'HN'), NULL, 'HELD',
     'Demo minutes, reserved. The Vice-Ministers discussed the Technical Secretariat''s budget and the pay of its support staff.',
     '2016-11-18 09:00-06', 'demo', 'RESERVED', 'demo');

INSERT INTO meeting_agenda_item (meeting_id, position, title) VALUES
    ('d0000000-0000-4000-8000-000000000a01', 1, 'Draft guidelines for hiring and replacing the ST coordinator'),
    ('d0000000-0000-4000-8000-000000000a01', 2, 'Calendar: hiring concluded by March 2017'),
    ('d0000000-0000-4000-8000-000000000a02', 1, 'Proposals of the earlier meetings of the group'),
    ('d0000000-0000-4000-8000-000000000a02', 2, 'ICRC advice on managing shelters'),
    ('d0000000-0000-4000-8000-000000000a03', 1, 'How each country refers unaccompanied children'),
    ('d0000000-0000-4000-8000-000000000a03', 2, 'The network''s work plan for 2017'),
    ('d0000000-0000-4000-8000-000000000a04', 1, 'Budget of the Technical Secretariat (annex A)'),
    ('d0000000-0000-4000-8000-000000000a04', 2, 'Pay of the support staff');

INSERT INTO meeting_linked_decision (meeting_id, decision_id)
SELECT m.id, d.id FROM (VALUES ('d0000000-0000-4000-8000-000000000a01'::uuid, 7),
                               ('d0000000-0000-4000-8000-000000000a02'::uuid, 24),
                               ('d0000000-0000-4000-8000-000000000a03'::uuid, 35),
                               ('d0000000-0000-4000-8000-000000000a04'::uuid, 3)) AS m(id, number)
JOIN decision d ON d.meeting = 'XXI CRM (2016)' AND d.number = m.number;

INSERT INTO meeting_linked_task (meeting_id, task_id) VALUES
    ('d0000000-0000-4000-8000-000000000a03', 'd0000000-0000-4000-8000-000000000213');

INSERT INTO meeting_decision (id, meeting_id, position, text, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000b01', 'd0000000-0000-4000-8000-000000000a01', 1,
     'Demo: the draft guidelines go to every Member Country for approval within two weeks.', 'demo'),
    ('d0000000-0000-4000-8000-000000000b02', 'd0000000-0000-4000-8000-000000000a03', 1,
     'Demo: the network adopts its 2017 work plan and meets again in the second half of the year.', 'demo'),
    ('d0000000-0000-4000-8000-000000000b03', 'd0000000-0000-4000-8000-000000000a04', 1,
     'Demo, reserved: the support staff''s pay is adjusted as the budget in annex A provides.', 'demo');
-- Suggestions of the October 2016 meeting between the CRM and civil society, and their answers ----------
-- Decision 22 asks the team to consider them, but the declaration does not list them: every text,
-- answer and date below is invented for the demo and says so. The answer to the suggestion on visa
-- rule changes is classified RESERVED: uncleared users read that suggestion as still PENDING.

INSERT INTO suggestion (id, organisation_id, body, made_at, made_on, created_by, created_at)
SELECT ('d0000000-0000-4000-8000-0000000009' || lpad(n::text, 2, '0'))::uuid, o.id, s.body,
       'Meeting between the CRM and civil society on the reintegration of returned migrants, Honduras, October 2016',
       NULL, s.created_by, TIMESTAMPTZ '2016-11-07 15:00:00+00' + n * INTERVAL '1 minute'
FROM (VALUES
    (1, 'CSO-HN-1', 'Map, country by country, the public and community services open to people who return, so that returnees and the groups that receive them know where to turn. (Demo suggestion, invented for the hub.)', 'demo-civil-society'),
    (2, 'CSO-GT-1', 'Bring employers'' associations together with returnee groups to open job placements that recognise skills gained abroad. (Demo suggestion, invented for the hub.)', 'demo-st-rrocm'),
    (3, 'CSO-SV-1', 'Give women''s organisations a forum of their own to review the drafts that concern migrant women before governments discuss them. (Demo suggestion, invented for the hub.)', 'demo-st-rrocm'),
    (4, 'CSO-MX-1', 'Train health staff who meet people on the move in their rights and in access to care, starting where shelters report the most needs. (Demo suggestion, invented for the hub.)', 'demo-st-rrocm'),
    (5, 'CSO-CR-1', 'Invite network members to the trainings on displacement in disaster contexts, since they are often the first to receive those affected. (Demo suggestion, invented for the hub.)', 'demo-st-rrocm'),
    (6, 'RROCM', 'Publish the progress of the tripartite work plan every quarter in a form that member organisations can share with their communities. (Demo suggestion, invented for the hub.)', 'demo-st-rrocm'),
    (7, 'CSO-HN-1', 'Warn civil society ahead of changes to visa rules in the region, so that shelters and legal-aid groups can prepare. (Demo suggestion, invented for the hub.)', 'demo-civil-society'))
    AS s(n, code, body, created_by)
JOIN organisation o ON o.code = s.code;

INSERT INTO suggestion_response (id, suggestion_id, status, reason, answered_by, answered_at, visibility, version,
                                 created_by, created_at) VALUES
    ('d0000000-0000-4000-8000-000000001001', 'd0000000-0000-4000-8000-000000000901', 'ADOPTED',
     'Taken up as the inventory of reintegration services of the 2017 plan. (Demo answer.)',
     'demo-st-crm', TIMESTAMPTZ '2017-01-20 14:00:00+00', 'OPEN', 2, 'demo-civil-society', TIMESTAMPTZ '2016-11-07 15:01:00+00'),
    ('d0000000-0000-4000-8000-000000001002', 'd0000000-0000-4000-8000-000000000902', 'IN_PROGRESS',
     'A round table with employers is proposed for the autumn, and the team is still looking for a host. (Demo answer.)',
     'demo-st-rrocm', TIMESTAMPTZ '2017-03-02 10:00:00+00', 'OPEN', 2, 'demo-st-rrocm', TIMESTAMPTZ '2016-11-07 15:02:00+00'),
    ('d0000000-0000-4000-8000-000000001003', 'd0000000-0000-4000-8000-000000000903', 'DECLINED',
     'The team prefers a single validation session where governments, observers and network members review the draft together, and women''s organisations are invited to it. (Demo answer.)',
     'demo-government', TIMESTAMPTZ '2017-04-11 16:30:00+00', 'OPEN', 2, 'demo-st-rrocm', TIMESTAMPTZ '2016-11-07 15:03:00+00'),
    ('d0000000-0000-4000-8000-000000001004', 'd0000000-0000-4000-8000-000000000904', 'ADOPTED',
     'Part of the migration and health line, with the protocols and the training of health staff. (Demo answer.)',
     'demo-ppt', TIMESTAMPTZ '2017-02-08 09:15:00+00', 'OPEN', 2, 'demo-st-rrocm', TIMESTAMPTZ '2016-11-07 15:04:00+00'),
    ('d0000000-0000-4000-8000-000000001005', 'd0000000-0000-4000-8000-000000000905', 'PENDING', NULL, NULL, NULL, 'OPEN', 1,
     'demo-st-rrocm', TIMESTAMPTZ '2016-11-07 15:05:00+00'),
    ('d0000000-0000-4000-8000-000000001006', 'd0000000-0000-4000-8000-000000000906', 'PENDING', NULL, NULL, NULL, 'OPEN', 1,
     'demo-st-rrocm', TIMESTAMPTZ '2016-11-07 15:06:00+00'),
    ('d0000000-0000-4000-8000-000000001007', 'd0000000-0000-4000-8000-000000000907', 'IN_PROGRESS',
     'Under discussion in the governments'' closed-door consultation on visa policy, and what can be shared will be once it is agreed. (Demo answer.)',
     'demo-government', TIMESTAMPTZ '2017-05-04 12:00:00+00', 'RESERVED', 3, 'demo-civil-society', TIMESTAMPTZ '2016-11-07 15:07:00+00');

INSERT INTO suggestion_task (response_id, task_id) VALUES
    ('d0000000-0000-4000-8000-000000001001', 'd0000000-0000-4000-8000-000000000201'),
    ('d0000000-0000-4000-8000-000000001002', 'd0000000-0000-4000-8000-000000000202'),
    ('d0000000-0000-4000-8000-000000001004', 'd0000000-0000-4000-8000-000000000210'),
    ('d0000000-0000-4000-8000-000000001004', 'd0000000-0000-4000-8000-000000000211'),
    ('d0000000-0000-4000-8000-000000001007', 'd0000000-0000-4000-8000-000000000209');
-- Registrations for two open events -------------------------------------------------------------------
-- The workshop on consular protection and the validation session on the guidelines for migrant women
-- take registrations until 90 days after the demo data is loaded (so that they are open when you try
-- them). Every registrant is invented for the demo (demo = true, example.org addresses). The workshop
-- is small, so it is full and one person waits for a seat.

INSERT INTO registration_event (id, task_id, capacity, deadline, seats_per_organisation, created_by) VALUES
    ('d0000000-0000-4000-8000-000000000206', 'd0000000-0000-4000-8000-000000000206', 4, now() + interval '90 days', 2, 'demo'),
    ('d0000000-0000-4000-8000-000000000215', 'd0000000-0000-4000-8000-000000000215', 25, now() + interval '90 days', 3, 'demo');

INSERT INTO registration (event_id, organisation_id, person_name, person_email, person_role, status, demo, created_by)
SELECT r.event_id::uuid, o.id, r.name, r.email, r.role, r.status, true, 'demo'
FROM (VALUES
    ('d0000000-0000-4000-8000-000000000206', 'CSO-HN-1', 'Marta Demo Alvarado', 'marta.alvarado@example.org', 'Legal adviser', 'CONFIRMED'),
    ('d0000000-0000-4000-8000-000000000206', 'CSO-HN-1', 'José Demo Cárcamo', 'jose.carcamo@example.org', NULL, 'CONFIRMED'),
    ('d0000000-0000-4000-8000-000000000206', 'CSO-GT-1', 'Lucía Demo Ixcoy', 'lucia.ixcoy@example.org', 'Coordinator', 'CONFIRMED'),
    ('d0000000-0000-4000-8000-000000000206', 'CSO-MX-1', 'Tomás Demo Reyes', 'tomas.reyes@example.org', 'Shelter manager', 'CONFIRMED'),
    ('d0000000-0000-4000-8000-000000000206', 'CSO-SV-1', 'Ana Demo Menjívar', 'ana.menjivar@example.org', 'Programme officer', 'WAITLISTED'),
    ('d0000000-0000-4000-8000-000000000215', 'CSO-SV-1', 'Rosa Demo Hernández', 'rosa.hernandez@example.org', 'Director', 'CONFIRMED'),
    ('d0000000-0000-4000-8000-000000000215', 'CSO-HN-1', 'Carlos Demo Zelaya', 'carlos.zelaya@example.org', NULL, 'CONFIRMED'),
    ('d0000000-0000-4000-8000-000000000215', 'CSO-CR-1', 'Elena Demo Solís', 'elena.solis@example.org', 'Health promoter', 'CONFIRMED')
) AS r(event_id, code, name, email, role, status)
JOIN organisation o ON o.code = r.code
ORDER BY r.event_id, r.email;
