/// The first schema: the portal's own tables, reduced to the columns the REST methods read and write.
///
/// Table and column names follow the portal (`b_crm_lead`, `b_crm_field_multi`, `b_crm_timeline_bind`, ...) so that
/// someone who knows Bitrix24 can open a file database with the `sqlite3` CLI and find their way.
///
/// Foreign keys point from dependent rows to the lead with the default `NO ACTION`: a lead cannot be deleted while
/// anything still refers to it, so a cascade step that is forgotten in code fails the whole delete instead of leaving
/// orphans behind. Polymorphic links (`ENTITY_TYPE_ID` + `ENTITY_ID`) cannot carry a foreign key; they are indexed and
/// cleaned up explicitly, exactly as the portal does.
enum SchemaV1 {
    static let sql = """
        CREATE TABLE b_user (
            ID INTEGER PRIMARY KEY,
            ACTIVE TEXT NOT NULL DEFAULT 'Y',
            LOGIN TEXT NOT NULL DEFAULT '',
            NAME TEXT NOT NULL DEFAULT '',
            LAST_NAME TEXT NOT NULL DEFAULT '',
            SECOND_NAME TEXT NOT NULL DEFAULT '',
            EMAIL TEXT NOT NULL DEFAULT '',
            WORK_POSITION TEXT NOT NULL DEFAULT '',
            PERSONAL_GENDER TEXT NOT NULL DEFAULT '',
            TIME_ZONE TEXT NOT NULL DEFAULT '',
            IS_ADMIN TEXT NOT NULL DEFAULT 'N',
            DEPARTMENT_ID INTEGER,
            DATE_REGISTER TEXT NOT NULL
        );

        -- CRM roles (b_crm_role, b_crm_role_perms, b_crm_role_relation on the portal).
        -- ATTR is the portal's permission letter: '' none, 'A' own, 'D' department, 'X' all.
        CREATE TABLE b_crm_role (
            ID INTEGER PRIMARY KEY,
            NAME TEXT NOT NULL
        );
        CREATE TABLE b_crm_role_perms (
            ROLE_ID INTEGER NOT NULL REFERENCES b_crm_role(ID) ON DELETE CASCADE,
            ENTITY TEXT NOT NULL,
            PERM_TYPE TEXT NOT NULL,
            ATTR TEXT NOT NULL,
            PRIMARY KEY (ROLE_ID, ENTITY, PERM_TYPE)
        );
        CREATE TABLE b_crm_role_relation (
            ROLE_ID INTEGER NOT NULL REFERENCES b_crm_role(ID) ON DELETE CASCADE,
            USER_ID INTEGER NOT NULL REFERENCES b_user(ID) ON DELETE CASCADE,
            PRIMARY KEY (ROLE_ID, USER_ID)
        );
        CREATE INDEX ix_crm_role_relation_user ON b_crm_role_relation (USER_ID);

        -- Incoming webhooks (b_rest_ap, b_rest_ap_permission).
        CREATE TABLE b_rest_ap (
            ID INTEGER PRIMARY KEY,
            USER_ID INTEGER NOT NULL REFERENCES b_user(ID) ON DELETE CASCADE,
            PASSWORD TEXT NOT NULL UNIQUE,
            ACTIVE TEXT NOT NULL DEFAULT 'Y',
            TITLE TEXT NOT NULL DEFAULT '',
            DATE_CREATE TEXT NOT NULL
        );
        CREATE TABLE b_rest_ap_permission (
            PASSWORD_ID INTEGER NOT NULL REFERENCES b_rest_ap(ID) ON DELETE CASCADE,
            PERM TEXT NOT NULL,
            PRIMARY KEY (PASSWORD_ID, PERM)
        );

        -- OAuth applications and the tokens issued to their users (the portal keeps these on its OAuth server).
        -- Tokens are found by an indexed prefix and then compared in constant time, never by SQL equality alone.
        CREATE TABLE b_rest_app (
            ID INTEGER PRIMARY KEY,
            CLIENT_ID TEXT NOT NULL UNIQUE,
            CLIENT_SECRET TEXT NOT NULL,
            TITLE TEXT NOT NULL DEFAULT '',
            SCOPE TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE b_rest_oauth_token (
            ID INTEGER PRIMARY KEY,
            APP_ID INTEGER NOT NULL REFERENCES b_rest_app(ID) ON DELETE CASCADE,
            USER_ID INTEGER NOT NULL REFERENCES b_user(ID) ON DELETE CASCADE,
            ACCESS_TOKEN TEXT NOT NULL,
            ACCESS_PREFIX TEXT NOT NULL,
            REFRESH_TOKEN TEXT NOT NULL,
            REFRESH_PREFIX TEXT NOT NULL,
            SCOPE TEXT NOT NULL,
            EXPIRES INTEGER NOT NULL,
            REFRESH_EXPIRES INTEGER NOT NULL,
            REVOKED TEXT NOT NULL DEFAULT 'N'
        );
        CREATE INDEX ix_rest_oauth_token_access ON b_rest_oauth_token (ACCESS_PREFIX);
        CREATE INDEX ix_rest_oauth_token_refresh ON b_rest_oauth_token (REFRESH_PREFIX);

        -- Dictionaries (crm.status.list): lead statuses and sources.
        CREATE TABLE b_crm_status (
            ID INTEGER PRIMARY KEY,
            ENTITY_ID TEXT NOT NULL,
            STATUS_ID TEXT NOT NULL,
            NAME TEXT NOT NULL,
            SORT INTEGER NOT NULL DEFAULT 10,
            SEMANTICS TEXT,
            UNIQUE (ENTITY_ID, STATUS_ID)
        );
        INSERT INTO b_crm_status (ENTITY_ID, STATUS_ID, NAME, SORT, SEMANTICS) VALUES
            ('STATUS', 'NEW', 'Unassigned', 10, NULL),
            ('STATUS', 'IN_PROCESS', 'In Process', 20, NULL),
            ('STATUS', 'PROCESSED', 'Processed', 30, NULL),
            ('STATUS', 'CONVERTED', 'Good lead', 40, 'S'),
            ('STATUS', 'JUNK', 'Junk lead', 50, 'F'),
            ('SOURCE', 'CALL', 'Call', 10, NULL),
            ('SOURCE', 'EMAIL', 'E-mail', 20, NULL),
            ('SOURCE', 'WEB', 'Website', 30, NULL),
            ('SOURCE', 'ADVERTISING', 'Advertising', 40, NULL),
            ('SOURCE', 'PARTNER', 'Existing client', 50, NULL),
            ('SOURCE', 'RECOMMENDATION', 'By recommendation', 60, NULL),
            ('SOURCE', 'TRADE_SHOW', 'Trade show', 70, NULL),
            ('SOURCE', 'WEBFORM', 'CRM form', 75, NULL),
            ('SOURCE', 'REPEAT_SALE', 'Repeat sale', 76, NULL),
            ('SOURCE', 'CALLBACK', 'Callback', 77, NULL),
            ('SOURCE', 'RC_GENERATOR', 'Sales generator', 78, NULL),
            ('SOURCE', 'STORE', 'Online store', 79, NULL),
            ('SOURCE', 'OTHER', 'Other', 80, NULL),
            ('SOURCE', 'BOOKING', 'Booking', 81, NULL);

        CREATE TABLE b_crm_lead (
            ID INTEGER PRIMARY KEY,
            TITLE TEXT,
            HONORIFIC TEXT,
            NAME TEXT,
            SECOND_NAME TEXT,
            LAST_NAME TEXT,
            BIRTHDATE TEXT,
            COMPANY_TITLE TEXT,
            SOURCE_ID TEXT,
            SOURCE_DESCRIPTION TEXT,
            STATUS_ID TEXT,
            STATUS_DESCRIPTION TEXT,
            STATUS_SEMANTIC_ID TEXT,
            POST TEXT,
            ADDRESS TEXT,
            ADDRESS_2 TEXT,
            ADDRESS_CITY TEXT,
            ADDRESS_POSTAL_CODE TEXT,
            ADDRESS_REGION TEXT,
            ADDRESS_PROVINCE TEXT,
            ADDRESS_COUNTRY TEXT,
            ADDRESS_COUNTRY_CODE TEXT,
            ADDRESS_LOC_ADDR_ID INTEGER,
            CURRENCY_ID TEXT,
            OPPORTUNITY REAL,
            IS_MANUAL_OPPORTUNITY TEXT NOT NULL DEFAULT 'N',
            OPENED TEXT NOT NULL DEFAULT 'Y',
            COMMENTS TEXT,
            ASSIGNED_BY_ID INTEGER,
            CREATED_BY_ID INTEGER,
            MODIFY_BY_ID INTEGER,
            MOVED_BY_ID INTEGER,
            DATE_CREATE TEXT NOT NULL,
            DATE_MODIFY TEXT NOT NULL,
            MOVED_TIME TEXT,
            DATE_CLOSED TEXT,
            COMPANY_ID INTEGER,
            CONTACT_ID INTEGER,
            IS_RETURN_CUSTOMER TEXT NOT NULL DEFAULT 'N',
            ORIGINATOR_ID TEXT,
            ORIGIN_ID TEXT,
            UTM_SOURCE TEXT,
            UTM_MEDIUM TEXT,
            UTM_CAMPAIGN TEXT,
            UTM_CONTENT TEXT,
            UTM_TERM TEXT,
            LAST_ACTIVITY_BY INTEGER,
            LAST_ACTIVITY_TIME TEXT,
            LAST_COMMUNICATION_TIME TEXT
        );
        CREATE INDEX ix_crm_lead_assigned ON b_crm_lead (ASSIGNED_BY_ID);
        CREATE INDEX ix_crm_lead_status ON b_crm_lead (STATUS_ID);
        CREATE INDEX ix_crm_lead_date_create ON b_crm_lead (DATE_CREATE);

        -- User-field definitions (crm.lead.fields lists them after the standard fields).
        -- SETTINGS holds the field's settings as JSON.
        CREATE TABLE b_user_field (
            ID INTEGER PRIMARY KEY,
            ENTITY_ID TEXT NOT NULL,
            FIELD_NAME TEXT NOT NULL,
            USER_TYPE_ID TEXT NOT NULL,
            MULTIPLE TEXT NOT NULL DEFAULT 'N',
            MANDATORY TEXT NOT NULL DEFAULT 'N',
            SORT INTEGER NOT NULL DEFAULT 100,
            LABEL TEXT NOT NULL DEFAULT '',
            SETTINGS TEXT,
            UNIQUE (ENTITY_ID, FIELD_NAME)
        );

        -- User-field values (UF_CRM_*); the portal keeps them in b_uts_crm_lead, one column per field.
        -- VALUE holds the value as JSON so that multiple and typed values survive.
        CREATE TABLE b_uts_crm_lead (
            VALUE_ID INTEGER NOT NULL REFERENCES b_crm_lead(ID),
            FIELD_NAME TEXT NOT NULL,
            VALUE TEXT NOT NULL,
            PRIMARY KEY (VALUE_ID, FIELD_NAME)
        ) WITHOUT ROWID;

        CREATE TABLE b_crm_contact (
            ID INTEGER PRIMARY KEY,
            HONORIFIC TEXT,
            NAME TEXT,
            SECOND_NAME TEXT,
            LAST_NAME TEXT,
            POST TEXT,
            COMMENTS TEXT,
            SOURCE_ID TEXT,
            TYPE_ID TEXT,
            OPENED TEXT NOT NULL DEFAULT 'Y',
            COMPANY_ID INTEGER,
            LEAD_ID INTEGER REFERENCES b_crm_lead(ID),
            ASSIGNED_BY_ID INTEGER,
            CREATED_BY_ID INTEGER,
            MODIFY_BY_ID INTEGER,
            DATE_CREATE TEXT NOT NULL,
            DATE_MODIFY TEXT NOT NULL
        );
        CREATE INDEX ix_crm_contact_lead ON b_crm_contact (LEAD_ID);

        CREATE TABLE b_crm_company (
            ID INTEGER PRIMARY KEY,
            TITLE TEXT,
            COMPANY_TYPE TEXT,
            INDUSTRY TEXT,
            COMMENTS TEXT,
            OPENED TEXT NOT NULL DEFAULT 'Y',
            LEAD_ID INTEGER REFERENCES b_crm_lead(ID),
            ASSIGNED_BY_ID INTEGER,
            CREATED_BY_ID INTEGER,
            MODIFY_BY_ID INTEGER,
            DATE_CREATE TEXT NOT NULL,
            DATE_MODIFY TEXT NOT NULL
        );
        CREATE INDEX ix_crm_company_lead ON b_crm_company (LEAD_ID);

        CREATE TABLE b_crm_deal (
            ID INTEGER PRIMARY KEY,
            TITLE TEXT,
            STAGE_ID TEXT,
            CATEGORY_ID INTEGER NOT NULL DEFAULT 0,
            OPPORTUNITY REAL,
            CURRENCY_ID TEXT,
            CONTACT_ID INTEGER,
            COMPANY_ID INTEGER,
            LEAD_ID INTEGER REFERENCES b_crm_lead(ID),
            OPENED TEXT NOT NULL DEFAULT 'Y',
            ASSIGNED_BY_ID INTEGER,
            CREATED_BY_ID INTEGER,
            MODIFY_BY_ID INTEGER,
            DATE_CREATE TEXT NOT NULL,
            DATE_MODIFY TEXT NOT NULL
        );
        CREATE INDEX ix_crm_deal_lead ON b_crm_deal (LEAD_ID);

        -- Lead <-> contact links (crm.lead.contact.items.*).
        CREATE TABLE b_crm_lead_contact (
            LEAD_ID INTEGER NOT NULL REFERENCES b_crm_lead(ID),
            CONTACT_ID INTEGER NOT NULL REFERENCES b_crm_contact(ID) ON DELETE CASCADE,
            SORT INTEGER NOT NULL DEFAULT 10,
            ROLE_ID INTEGER NOT NULL DEFAULT 0,
            IS_PRIMARY TEXT NOT NULL DEFAULT 'N',
            PRIMARY KEY (LEAD_ID, CONTACT_ID)
        ) WITHOUT ROWID;
        CREATE INDEX ix_crm_lead_contact_contact ON b_crm_lead_contact (CONTACT_ID);

        -- Multi-fields: PHONE, EMAIL, WEB, IM, LINK of any entity.
        CREATE TABLE b_crm_field_multi (
            ID INTEGER PRIMARY KEY,
            ENTITY_ID TEXT NOT NULL,
            ELEMENT_ID INTEGER NOT NULL,
            TYPE_ID TEXT NOT NULL,
            VALUE_TYPE TEXT NOT NULL,
            COMPLEX_ID TEXT NOT NULL,
            VALUE TEXT NOT NULL
        );
        CREATE INDEX ix_crm_field_multi_owner ON b_crm_field_multi (ENTITY_ID, ELEMENT_ID, TYPE_ID);

        CREATE TABLE b_crm_product_row (
            ID INTEGER PRIMARY KEY,
            OWNER_TYPE TEXT NOT NULL,
            OWNER_ID INTEGER NOT NULL,
            PRODUCT_ID INTEGER NOT NULL DEFAULT 0,
            PRODUCT_NAME TEXT NOT NULL DEFAULT '',
            PRICE REAL NOT NULL DEFAULT 0,
            QUANTITY REAL NOT NULL DEFAULT 1,
            DISCOUNT_RATE REAL NOT NULL DEFAULT 0,
            TAX_RATE REAL,
            MEASURE_CODE INTEGER,
            MEASURE_NAME TEXT,
            SORT INTEGER NOT NULL DEFAULT 10
        );
        CREATE INDEX ix_crm_product_row_owner ON b_crm_product_row (OWNER_TYPE, OWNER_ID);

        -- Lead status history (crm.stagehistory.list with entityTypeId 1).
        -- TYPE_ID: 1 created, 2 moved, 3 finalized.
        CREATE TABLE b_crm_lead_status_history (
            ID INTEGER PRIMARY KEY,
            TYPE_ID INTEGER NOT NULL,
            OWNER_ID INTEGER NOT NULL REFERENCES b_crm_lead(ID),
            CREATED_TIME TEXT NOT NULL,
            RESPONSIBLE_ID INTEGER,
            STATUS_ID TEXT NOT NULL,
            STATUS_SEMANTIC_ID TEXT NOT NULL,
            IS_IN_WORK TEXT NOT NULL DEFAULT 'N',
            IS_JUNK TEXT NOT NULL DEFAULT 'N'
        );
        CREATE INDEX ix_crm_lead_status_history_owner ON b_crm_lead_status_history (OWNER_ID);

        -- History events and the entities they relate to.
        -- EVENT_TYPE: 0 user message, 1 field change, 2 e-mail; EVENT_ID names the kind (e.g. 'INFO').
        CREATE TABLE b_crm_event (
            ID INTEGER PRIMARY KEY,
            DATE_CREATE TEXT NOT NULL,
            CREATED_BY_ID INTEGER,
            EVENT_ID TEXT NOT NULL DEFAULT '',
            EVENT_NAME TEXT NOT NULL DEFAULT '',
            EVENT_TYPE INTEGER NOT NULL DEFAULT 0,
            EVENT_TEXT_1 TEXT,
            EVENT_TEXT_2 TEXT
        );
        CREATE TABLE b_crm_event_relations (
            ID INTEGER PRIMARY KEY,
            ASSIGNED_BY_ID INTEGER,
            ENTITY_TYPE TEXT NOT NULL,
            ENTITY_ID INTEGER NOT NULL,
            ENTITY_FIELD TEXT,
            EVENT_ID INTEGER NOT NULL REFERENCES b_crm_event(ID)
        );
        CREATE INDEX ix_crm_event_relations_entity ON b_crm_event_relations (ENTITY_TYPE, ENTITY_ID);
        CREATE INDEX ix_crm_event_relations_event ON b_crm_event_relations (EVENT_ID);

        -- Timeline entries and the entities they are shown on.
        -- TYPE_ID: 1 activity, 2 creation, 3 modification, 4 link, 5 unlink, 7 comment.
        CREATE TABLE b_crm_timeline (
            ID INTEGER PRIMARY KEY,
            TYPE_ID INTEGER NOT NULL,
            TYPE_CATEGORY_ID INTEGER NOT NULL DEFAULT 0,
            CREATED TEXT NOT NULL,
            AUTHOR_ID INTEGER,
            ASSOCIATED_ENTITY_TYPE_ID INTEGER NOT NULL DEFAULT 0,
            ASSOCIATED_ENTITY_ID INTEGER NOT NULL DEFAULT 0,
            COMMENT TEXT,
            SETTINGS TEXT
        );
        CREATE INDEX ix_crm_timeline_associated ON b_crm_timeline (ASSOCIATED_ENTITY_TYPE_ID, ASSOCIATED_ENTITY_ID);
        CREATE TABLE b_crm_timeline_bind (
            ID INTEGER PRIMARY KEY,
            OWNER_ID INTEGER NOT NULL REFERENCES b_crm_timeline(ID),
            ENTITY_TYPE_ID INTEGER NOT NULL,
            ENTITY_ID INTEGER NOT NULL,
            IS_FIXED TEXT NOT NULL DEFAULT 'N',
            UNIQUE (OWNER_ID, ENTITY_TYPE_ID, ENTITY_ID)
        );
        CREATE INDEX ix_crm_timeline_bind_entity ON b_crm_timeline_bind (ENTITY_TYPE_ID, ENTITY_ID);

        -- Activities and the entities they are bound to.
        CREATE TABLE b_crm_act (
            ID INTEGER PRIMARY KEY,
            TYPE_ID INTEGER NOT NULL,
            PROVIDER_ID TEXT NOT NULL DEFAULT '',
            PROVIDER_TYPE_ID TEXT NOT NULL DEFAULT '',
            OWNER_TYPE_ID INTEGER NOT NULL,
            OWNER_ID INTEGER NOT NULL,
            SUBJECT TEXT NOT NULL DEFAULT '',
            DESCRIPTION TEXT NOT NULL DEFAULT '',
            DESCRIPTION_TYPE INTEGER NOT NULL DEFAULT 1,
            COMPLETED TEXT NOT NULL DEFAULT 'N',
            STATUS INTEGER NOT NULL DEFAULT 1,
            PRIORITY INTEGER NOT NULL DEFAULT 2,
            DIRECTION INTEGER NOT NULL DEFAULT 0,
            RESPONSIBLE_ID INTEGER,
            AUTHOR_ID INTEGER,
            EDITOR_ID INTEGER,
            LOCATION TEXT NOT NULL DEFAULT '',
            START_TIME TEXT,
            END_TIME TEXT,
            DEADLINE TEXT,
            CREATED TEXT NOT NULL,
            LAST_UPDATED TEXT NOT NULL
        );
        CREATE TABLE b_crm_act_bind (
            ID INTEGER PRIMARY KEY,
            ACTIVITY_ID INTEGER NOT NULL REFERENCES b_crm_act(ID),
            OWNER_TYPE_ID INTEGER NOT NULL,
            OWNER_ID INTEGER NOT NULL,
            UNIQUE (ACTIVITY_ID, OWNER_TYPE_ID, OWNER_ID)
        );
        CREATE INDEX ix_crm_act_bind_owner ON b_crm_act_bind (OWNER_TYPE_ID, OWNER_ID);
        CREATE TABLE b_crm_act_comm (
            ID INTEGER PRIMARY KEY,
            ACTIVITY_ID INTEGER NOT NULL REFERENCES b_crm_act(ID),
            OWNER_TYPE_ID INTEGER NOT NULL,
            OWNER_ID INTEGER NOT NULL,
            TYPE TEXT NOT NULL,
            VALUE TEXT NOT NULL,
            ENTITY_TYPE_ID INTEGER NOT NULL,
            ENTITY_ID INTEGER NOT NULL
        );
        CREATE INDEX ix_crm_act_comm_activity ON b_crm_act_comm (ACTIVITY_ID);

        -- Observers of an entity.
        CREATE TABLE b_crm_observer (
            ENTITY_TYPE_ID INTEGER NOT NULL,
            ENTITY_ID INTEGER NOT NULL,
            USER_ID INTEGER NOT NULL REFERENCES b_user(ID) ON DELETE CASCADE,
            SORT INTEGER NOT NULL DEFAULT 10,
            CREATED_TIME TEXT NOT NULL,
            PRIMARY KEY (ENTITY_TYPE_ID, ENTITY_ID, USER_ID)
        ) WITHOUT ROWID;
        """
}
