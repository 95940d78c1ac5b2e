// The app's commands, in one list. The invoke handler (`lib.rs`), the permissions that
// `build.rs` declares, the capability check and the contract written for the window
// (`contract.rs`) all come from it: adding a command is its function plus one line here.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            commands::app_info,
            commands::list_calendars,
            commands::set_calendar_visible,
            commands::list_occurrences,
            event_commands::create_event,
            event_commands::update_event,
            event_commands::delete_event,
            event_commands::event_details,
            commands::list_tasks,
            commands::add_task,
            commands::update_task,
            commands::set_task_done,
            task_commands::list_all_tasks,
            task_commands::task_details,
            task_commands::edit_task,
            task_commands::delete_task,
            undo_commands::undo,
            undo_commands::redo,
            undo_commands::undo_state,
            search_command::search,
            commands::read_quick_add,
            commands::quick_add,
            commands::plan_now,
            commands::current_plan,
            commands::check_plan,
            commands::accept_ghost,
            commands::accept_all_ghosts,
            commands::reject_ghost,
            commands::reject_all_ghosts,
            commands::get_settings,
            commands::save_settings,
            sync::list_accounts,
            sync::sync_now,
            sync::add_caldav_account,
            sync::add_ics_account,
            sync::add_oauth_account,
            sync::oauth_client,
            sync::save_oauth_client,
            sync::oauth_setup_guide,
            sync::remove_account,
        }
    };
}
