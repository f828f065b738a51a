package org.crmhub.language;

import graphql.schema.DataFetchingEnvironment;
import org.crmhub.errors.UserError;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A mutation payload's error messages, in the request's language (i18n/messages*.properties). */
@Controller
class MessagesController {

    @SchemaMapping(typeName = "UserError", field = "message")
    String message(UserError error, DataFetchingEnvironment env) {
        return error.message(env.getLocale());
    }
}
