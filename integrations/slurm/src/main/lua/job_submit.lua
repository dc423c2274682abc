--[[
Fairshift intake for Slurm's job_submit/lua plugin.

Holds the jobs that opt in to Fairshift at submission, so Fairshift decides where (partition) and when
(StartTime) they run and then releases them. A job opts in by ANY of the rules below; edit them to suit
your site (an empty list disables a rule). Jobs that do not opt in are left exactly as submitted.

Installation (see the README's "Slurm" section):
  1. copy this file next to slurm.conf (e.g. /etc/slurm/job_submit.lua);
  2. add "JobSubmitPlugins=lua" to slurm.conf;
  3. scontrol reconfigure (or restart slurmctld).
Without the plugin, users opt in by submitting with --hold and --comment=fairshift themselves.

The hold is priority 0. Once Fairshift has recorded its decision on the job (Partition, StartTime and a
marker in the admin comment) it lifts this hold with "scontrol release", and the job waits for its
StartTime alone: Slurm starts it at the planned slot even if Fairshift is down by then. The admin comment
gets the marker "fairshift:intake" so Fairshift recognises the job even when the rule that selected it
changes later. Keep these values in step with slurm.yaml (engine.optIn).
]]

-- A job whose --comment contains one of these words (case-insensitive) opts in.
local OPT_IN_COMMENTS = { "fairshift" }
-- A job submitted with one of these QOS names opts in.
local OPT_IN_QOS = { "fairshift" }
-- A job whose requested partitions (-p a,b) include one of these opts in; e.g. { "north", "south" }.
local OPT_IN_PARTITIONS = { }

local MARKER = "fairshift:intake"

local function contains(list, value)
   if value == nil then return false end
   for _, item in ipairs(list) do
      if item == value then return true end
   end
   return false
end

local function opted_in(job_desc)
   if job_desc.comment ~= nil then
      local comment = string.lower(job_desc.comment)
      for _, word in ipairs(OPT_IN_COMMENTS) do
         if string.find(comment, string.lower(word), 1, true) then return "comment" end
      end
   end
   if contains(OPT_IN_QOS, job_desc.qos) then return "qos" end
   if job_desc.partition ~= nil then
      for partition in string.gmatch(job_desc.partition, "[^,]+") do
         if contains(OPT_IN_PARTITIONS, partition) then return "partition" end
      end
   end
   return nil
end

function slurm_job_submit(job_desc, part_list, submit_uid)
   local rule = opted_in(job_desc)
   if rule == nil then
      return slurm.SUCCESS
   end
   -- Priority 0 holds the job: it stays pending until Fairshift has planned it.
   job_desc.priority = 0
   job_desc.admin_comment = MARKER
   slurm.log_info("fairshift: holding job %s of account %s for planning (opted in by %s)",
      tostring(job_desc.name), tostring(job_desc.account), rule)
   return slurm.SUCCESS
end

function slurm_job_modify(job_desc, job_rec, part_list, modify_uid)
   return slurm.SUCCESS
end

slurm.log_info("fairshift job_submit.lua loaded")
return slurm.SUCCESS
