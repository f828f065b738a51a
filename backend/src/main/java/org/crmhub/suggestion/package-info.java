/**
 * Suggestions of civil society to the CRM and their answers (issue 12, item 2): who may make and
 * answer them ({@code VisibilityPolicy.Action.SUGGEST}, {@code ANSWER}), the answer's state machine
 * ({@link org.crmhub.suggestion.SuggestionStatus}), and the rule that an answer classified RESERVED
 * reads as PENDING to uncleared viewers ({@link org.crmhub.suggestion.Suggestions#responsesOf}).
 */
package org.crmhub.suggestion;
