/**
 * The options every Sejam inquiry port's factory takes (bank accounts, postal codes, companies):
 * a simulator answering from the simulated records, or the JSON inquiry gateway.
 */
import type { InquiryRecords } from './simulation/inquiry-records.js';

export type InquirySimulatorConfig = {
  kind: 'simulator';
  /** Defaults to `loadInquiryRecords()` (sim/people.json and sim/companies.json, or their env paths). */
  records?: InquiryRecords;
  /** Delay of the slow magic inputs, ms. Default 8000. */
  slowMs?: number;
  /** Failures of the transient magic inputs before they recover. Default 2. */
  transientFailures?: number;
  /** How the slow magic inputs wait (default an unref'd timer); tests only. */
  sleep?: (ms: number) => Promise<void>;
  /** When set, answers slower than this become `unavailable/timeout` (like the HTTP adapter). */
  timeoutMs?: number;
};

export type InquiryHttpConfig = {
  kind: 'http';
  baseUrl: string;
  token: string;
  /** Default 5000. */
  timeoutMs?: number;
};
