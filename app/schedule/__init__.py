"""Scheduled reconciliations and their alerts (``cuadre schedule``).

- :mod:`.runner`: every system command (``schtasks``, ``systemctl``, ``crontab``,
  ``notify-send``, PowerShell) goes through one small runner, so tests see the exact commands
  and never touch the real scheduler;
- :mod:`.config`: what is scheduled (``schedules.json``) and the mail server (``smtp.json``) in
  the data folder — its password only in the OS credential store;
- :mod:`.backends`: the run installed in Windows' Task Scheduler, a systemd user timer or cron;
- :mod:`.alerts`: what changed since the previous saved run, and whether it passes a threshold;
- :mod:`.mail` and :mod:`.notify`: the e-mail (SMTP over TLS, certificate verified) with the
  PDF, and the desktop notification;
- :mod:`.job`: the run the scheduler calls — reconcile, save in the workspace, compare, alert,
  and every failure written to the schedule's log (PII masked).
"""
