/** Implementation of the transparency page and JSON; not API. */
package dev.fairshift.transparency.internal;
