import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import { findProfile, type Profile } from '../../sejam/profiles.js';
import { hasTrackingCode } from '../../sejam/lifecycle.js';
import { editableSections, type EditableSection } from '../../sejam/edits.js';
import type { ProfileViewData } from '../sejam-profile/ownership.js';

export interface EditData extends ProfileViewData {
  /** The part being edited, once chosen. */
  section: EditableSection | null;
  /** The edited section as it will be stored, between the form and the SMS code that confirms it. */
  value?: unknown;
  /** The confirmed edit kept for its check (null when it was applied at once). */
  editId: string | null;
}

export const editData = z.object({
  mobile: z
    .string()
    .regex(/^09\d{9}$/)
    .nullable(),
  profileId: z.uuid().nullable(),
  section: z.enum(editableSections).nullable(),
  value: z.unknown().optional(),
  editId: z.uuid().nullable(),
});

export const initialEditData = (): EditData => ({ mobile: null, profileId: null, section: null, editId: null });

/**
 * The profile the flow proved it owns, while it is registered and its mobile is still the one the
 * code went to (an earlier edit of another flow may have changed it).
 */
export async function registeredProfile(db: Executor, data: EditData): Promise<Profile | undefined> {
  const p = data.profileId ? await findProfile(db, data.profileId) : undefined;
  return p && p.mobile === data.mobile && hasTrackingCode(p.state) ? p : undefined;
}

export const EDIT_CODE_PURPOSE = 'sejam-edit';
