/**
 * Typed user errors and how they reach clients: the {@link org.crmhub.errors.UserError} codes,
 * input validation that collects every bad field at once ({@link org.crmhub.errors.Checks}),
 * mutation payloads that carry errors instead of throwing ({@link org.crmhub.errors.Payloads}), and
 * the resolvers that turn exceptions into GraphQL errors without leaking detail. Depends on no other
 * package of the hub, so every layer may use it.
 */
package org.crmhub.errors;
