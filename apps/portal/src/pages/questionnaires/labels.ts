export const TIME_POINT_LABEL: Record<string, string> = { entry: "Entry", interim: "Interim", exit: "Exit", follow_up: "Follow-up" };
export const LANGUAGE_LABEL: Record<string, string> = { en: "English", ar: "Arabic", ur: "Urdu", pl: "Polish" };
