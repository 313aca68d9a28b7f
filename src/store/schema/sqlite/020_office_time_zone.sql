-- The office's time zone, for the dates and times the program writes and shows for it: the date
-- a stage changed, the day a task turns overdue, the times on its pages. Indonesia keeps three
-- zones without summer time: WIB (UTC+7), WITA (UTC+8) and WIT (UTC+9). NULL: the zone of the
-- office's province (org.region), else WIB (domain/office.c).
ALTER TABLE org ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR time_zone IN ('WIB', 'WITA', 'WIT'));
