-- A client is an active member of a group once, and a worker is on a case once. Two joins sent
-- at once (a double click, a resent form on a weak link) could both pass the check when it ran
-- before the write transaction, leaving two active memberships: each later session then wrote
-- two attendance rows and two notes to the member's case. The checks now run inside the
-- transaction (domain/groupwork.c, domain/casework.c), and these indexes hold whatever writes.
-- Twins already written: the later one ends the day it began (its history stays).
UPDATE group_member SET left_on = joined_on
 WHERE left_on IS NULL
   AND EXISTS (SELECT 1 FROM group_member o
                WHERE o.group_id = group_member.group_id AND o.client_id = group_member.client_id
                  AND o.left_on IS NULL AND o.id < group_member.id);
CREATE UNIQUE INDEX group_member_active ON group_member(group_id, client_id) WHERE left_on IS NULL;

UPDATE case_worker SET ended_at = assigned_at, ended_by = assigned_by
 WHERE ended_at IS NULL
   AND EXISTS (SELECT 1 FROM case_worker o
                WHERE o.case_id = case_worker.case_id AND o.user_id = case_worker.user_id
                  AND o.ended_at IS NULL AND o.id < case_worker.id);
CREATE UNIQUE INDEX case_worker_active ON case_worker(case_id, user_id) WHERE ended_at IS NULL;
