package io.dbtools.api.job;

import io.dbtools.policies.PolicyCatalog;

/** What the job and policy routes need from outside the app: the running scheduler and the policy catalogue. */
public record Jobs(JobScheduler scheduler, PolicyCatalog catalog) {}
