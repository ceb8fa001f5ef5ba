#pragma once
#include <QMainWindow>
/// \brief The TokenScope workbench window.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};
