/**
 * The language people read the hub in: English or Spanish, from the request's
 * {@code Accept-Language} or else the token's {@code locale}, and the labels of the schema's enum
 * values in that language.
 */
package org.crmhub.language;
