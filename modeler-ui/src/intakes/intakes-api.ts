import type { ApiClient } from '../api/api-client';

export const intakeSources = [
  'hotline',
  'photo-app',
  'ai-alert',
  'iot-sensor',
  'patrol',
  'grid-liaison',
  'department-referral',
] as const;
export type IntakeSource = (typeof intakeSources)[number];

/** Body of `POST /api/intakes`. */
export interface NewIntake {
  source: IntakeSource;
  category: string;
  title: string;
  description: string;
  address: string;
  location?: { lat: number; lng: number };
  reporter?: { name?: string; phone?: string };
}

export interface CreatedIntake {
  id: string;
  businessKey: string;
  processInstanceId: string;
}

export const createIntake = (api: ApiClient, intake: NewIntake) => api.post<CreatedIntake>('/intakes', intake);
