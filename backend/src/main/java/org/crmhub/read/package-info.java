/**
 * Reads compiled to SQL: a query over work plans, workstreams, tasks and resources is answered by
 * one statement that returns the answer's JSON ({@link org.crmhub.read.ReadCompiler}), in front of
 * graphql-java ({@link org.crmhub.read.CompiledReads}), which answers everything else. The
 * visibility filter and the second wall apply to it as to every other read.
 */
package org.crmhub.read;
