/** Text limits of a problem's fields (the inputs validate them). */
export const TITLE_MIN = 5;
export const TITLE_MAX = 140;
export const DESCRIPTION_MAX = 5000;
export const TEXT_MAX = 5000;
