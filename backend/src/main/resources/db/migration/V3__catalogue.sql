-- The catalogue: Member Countries, observer organisations, the two secretariats, the civil-society
-- network with a few member organisations, and the decisions of the XXI CRM (Honduras, 2016).
-- Titles are short summaries in our own words, not the wording of the declaration.

-- Member Countries (code and country: ISO 3166 alpha-2) -----------------------------------------

INSERT INTO organisation (code, name, kind, country) VALUES
    ('BZ', 'Belize',             'MEMBER_STATE', 'BZ'),
    ('CA', 'Canada',             'MEMBER_STATE', 'CA'),
    ('CR', 'Costa Rica',         'MEMBER_STATE', 'CR'),
    ('SV', 'El Salvador',        'MEMBER_STATE', 'SV'),
    ('US', 'United States',      'MEMBER_STATE', 'US'),
    ('GT', 'Guatemala',          'MEMBER_STATE', 'GT'),
    ('HN', 'Honduras',           'MEMBER_STATE', 'HN'),
    ('MX', 'Mexico',             'MEMBER_STATE', 'MX'),
    ('NI', 'Nicaragua',          'MEMBER_STATE', 'NI'),
    ('PA', 'Panama',             'MEMBER_STATE', 'PA'),
    ('DO', 'Dominican Republic', 'MEMBER_STATE', 'DO');

-- Observer and partner organisations named in the declaration ------------------------------------

INSERT INTO organisation (code, name, kind, country) VALUES
    ('IOM',      'International Organization for Migration',                     'OBSERVER', NULL),
    ('UNHCR',    'Office of the United Nations High Commissioner for Refugees',  'OBSERVER', NULL),
    ('UNICEF',   'United Nations Children''s Fund',                              'OBSERVER', NULL),
    ('ICRC',     'International Committee of the Red Cross',                     'OBSERVER', NULL),
    ('SICA',     'Central American Integration System',                          'OBSERVER', NULL),
    ('ILO',      'International Labour Organization',                            'OBSERVER', NULL),
    ('UNODC',    'United Nations Office on Drugs and Crime',                     'OBSERVER', NULL),
    ('UNDP',     'United Nations Development Programme',                         'OBSERVER', NULL),
    ('UN-WOMEN', 'UN Women',                                                     'OBSERVER', NULL),
    ('PDD',      'Platform on Disaster Displacement',                            'OBSERVER', NULL);

-- The two secretariats of the tripartite team ----------------------------------------------------

INSERT INTO organisation (code, name, kind, country) VALUES
    ('ST-CRM',   'CRM Technical Secretariat',   'SECRETARIAT', NULL),
    ('ST-RROCM', 'RROCM Technical Secretariat', 'SECRETARIAT', NULL);

-- The civil-society network and a few (fictitious) member organisations --------------------------

INSERT INTO organisation (code, name, kind, country) VALUES
    ('RROCM', 'Regional Network of Civil Organizations for Migration', 'CIVIL_SOCIETY_NETWORK', NULL);

INSERT INTO organisation (code, name, kind, country, network_id) VALUES
    ('CSO-HN-1', 'Returnee Support Collective (Honduras)',
        'CIVIL_SOCIETY_ORGANISATION', 'HN', (SELECT id FROM organisation WHERE code = 'RROCM')),
    ('CSO-GT-1', 'Migrant Families Assistance Network (Guatemala)',
        'CIVIL_SOCIETY_ORGANISATION', 'GT', (SELECT id FROM organisation WHERE code = 'RROCM')),
    ('CSO-SV-1', 'Women on the Move Association (El Salvador)',
        'CIVIL_SOCIETY_ORGANISATION', 'SV', (SELECT id FROM organisation WHERE code = 'RROCM')),
    ('CSO-MX-1', 'Migrant Shelter Coalition (Mexico)',
        'CIVIL_SOCIETY_ORGANISATION', 'MX', (SELECT id FROM organisation WHERE code = 'RROCM')),
    ('CSO-CR-1', 'Migrant Health Access Forum (Costa Rica)',
        'CIVIL_SOCIETY_ORGANISATION', 'CR', (SELECT id FROM organisation WHERE code = 'RROCM'));

-- Decisions of the XXI CRM (2016) -----------------------------------------------------------------

INSERT INTO decision (meeting, number, title) VALUES
    ('XXI CRM (2016)',  1, 'Compilation of CRM procedures and practices adopted'),
    ('XXI CRM (2016)',  2, 'Technical Secretariat operational, narrative and financial report received'),
    ('XXI CRM (2016)',  3, 'Technical Secretariat budget approved (Annex A), with support-staff pay adjustment'),
    ('XXI CRM (2016)',  4, 'Memorandum with IOM to strengthen budget execution and monitoring'),
    ('XXI CRM (2016)',  5, 'Quarterly financial reports by the Technical Secretariat'),
    ('XXI CRM (2016)',  6, 'Call for timely payment of contributions to the Secretariat budget'),
    ('XXI CRM (2016)',  7, 'Guidelines and recruitment of the Technical Secretariat coordinator'),
    ('XXI CRM (2016)',  8, 'Network of liaison officers for migrant child protection created'),
    ('XXI CRM (2016)',  9, 'Support of IOM, UNICEF and UNHCR for the child-protection liaison network'),
    ('XXI CRM (2016)', 10, 'Consular protection recommendations for migrant children approved'),
    ('XXI CRM (2016)', 11, 'Common indicators for consular registration of unaccompanied children'),
    ('XXI CRM (2016)', 12, 'Regional guidelines on comprehensive protection of children in migration'),
    ('XXI CRM (2016)', 13, 'Information campaigns on child migration adopted and acknowledged'),
    ('XXI CRM (2016)', 14, 'Practice guide on cross-border displacement linked to disasters'),
    ('XXI CRM (2016)', 15, 'Basic guide for public policies on reintegration of returnees'),
    ('XXI CRM (2016)', 16, 'Passport-integrity workshop sponsored by Canada and Mexico'),
    ('XXI CRM (2016)', 17, 'Two 2017 training workshops on disaster displacement funded by the PDD'),
    ('XXI CRM (2016)', 18, 'Observer status granted to the ILO'),
    ('XXI CRM (2016)', 19, 'Workshop on consular protection of migrant workers with ILO and IOM'),
    ('XXI CRM (2016)', 20, 'Workshop on consular crisis management and MICIC guidelines'),
    ('XXI CRM (2016)', 21, 'Migration and health made a standing human-rights topic'),
    ('XXI CRM (2016)', 22, 'Tripartite team to build a joint work plan with civil society'),
    ('XXI CRM (2016)', 23, 'Early-warning information exchange on extra-regional migrant flows'),
    ('XXI CRM (2016)', 24, 'Next meeting of the ad hoc group on extra-regional migrants'),
    ('XXI CRM (2016)', 25, 'Sharing extra-regional migration work with the South American Conference'),
    ('XXI CRM (2016)', 26, 'Regional cooperation against migrant smuggling'),
    ('XXI CRM (2016)', 27, 'Measures against xenophobia towards migrants'),
    ('XXI CRM (2016)', 28, 'Thanks to UNDP for its presentation on the 2030 Agenda'),
    ('XXI CRM (2016)', 29, 'Thanks to IOM and UNHCR for presenting the two global compacts'),
    ('XXI CRM (2016)', 30, 'Support for Mexico as co-facilitator of the global compact on migration'),
    ('XXI CRM (2016)', 31, 'Thanks to the observer organisations and the RROCM for their support'),
    ('XXI CRM (2016)', 32, 'UNODC campaign against migrant smuggling adopted regionally'),
    ('XXI CRM (2016)', 33, 'El Salvador''s 2017 presidency theme and work plan on migrant women welcomed'),
    ('XXI CRM (2016)', 34, 'Protection guidelines for migrant women to be drafted and validated'),
    ('XXI CRM (2016)', 35, 'Liaison-officer network meeting in early 2017 hosted by Honduras'),
    ('XXI CRM (2016)', 36, 'Support for Panama as holder of the 2018 presidency'),
    ('XXI CRM (2016)', 37, 'Thanks to Honduras for hosting and for its 2016 presidency'),
    ('XXI CRM (2016)', 38, 'Twenty years of the Conference recognised');
