/** The plain commands the category service takes. */

export interface CreateCategory {
  code: string;
  name: string;
  sensitive: boolean;
  priorityWeight: number;
  sortOrder: number;
}

export interface UpdateCategory {
  code: string;
  name?: string;
  sensitive?: boolean;
  priorityWeight?: number;
  sortOrder?: number;
}
